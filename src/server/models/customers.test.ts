import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildCustomer } from "../../../test/helpers/factories-conversations.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import type { Queryable } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { touchOrInsertCustomer } from "./customers.js";
import { findCustomerIdentities } from "./identities.js";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const attempt =
  (
    workspaceId: string,
    handles: { kind: "email" | "phone"; value: string; normalized: string }[],
    number: string,
  ) =>
  (tx: Queryable) => {
    const id = newId();
    return touchOrInsertCustomer(
      tx,
      workspaceId,
      handles.map((h) => ({ ...h, id: newId() })),
      { at: new Date(), name: "Ana", language: null },
      { id, number },
      [{ workspaceId, type: "customer.created", payload: { customerId: id } }],
    );
  };

const createdEvents = async (workspaceId: string) =>
  (
    await t.ctx.db.query<{ payload: { customerId: string } }>(
      "SELECT payload FROM events WHERE workspace_id = $1 AND type = 'customer.created' ORDER BY id",
      [workspaceId],
    )
  ).map((e) => e.payload.customerId);

describe("touchOrInsertCustomer", () => {
  it("writes nothing and leaves the transaction usable when the number is taken, so another can be tried", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const taken = await buildCustomer(t.ctx, { workspaceId: workspace.id });
    const email = `collide-${newId()}@example.test`;
    const handles = [{ kind: "email" as const, value: email, normalized: email }];
    const [refused, created] = await t.ctx.db.transaction(async (tx) => {
      const first = await attempt(workspace.id, handles, taken.number)(tx);
      const second = await attempt(workspace.id, handles, "ZZZZZZ")(tx);
      return [first, second];
    });
    expect(refused).toEqual({ customer: undefined, knownIndexes: [], isNew: false });
    expect(created).toMatchObject({
      customer: { number: "ZZZZZZ", name: "Ana" },
      knownIndexes: [],
      isNew: true,
    });
    const identities = await t.ctx.db.query<{ customer_id: string }>(
      "SELECT customer_id FROM identities WHERE workspace_id = $1 AND value = $2",
      [workspace.id, email],
    );
    expect(identities).toEqual([{ customer_id: created.customer!.id }]);
    // buildCustomer's, then the second attempt's: the refused one recorded nothing.
    expect(await createdEvents(workspace.id)).toEqual([taken.id, created.customer!.id]);
  });

  it("touches the customer of the first known handle and inserts nothing, whatever the number", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const email = `known-${newId()}@example.test`;
    const known = await buildCustomer(t.ctx, { workspaceId: workspace.id, email, name: null });
    const handles = [
      { kind: "phone" as const, value: "091 555 0000", normalized: "0915550000" },
      { kind: "email" as const, value: email, normalized: email },
    ];
    const found = await t.ctx.db.transaction(attempt(workspace.id, handles, known.number));
    expect(found).toMatchObject({ customer: { id: known.id, name: "Ana" }, knownIndexes: [1], isNew: false });
    expect((await findCustomerIdentities(t.ctx.db, known.id)).map((i) => i.kind)).toEqual(["email"]);
    expect(await createdEvents(workspace.id)).toEqual([known.id]);
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildCustomer, buildInbox } from "../../../test/helpers/factories-conversations.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { findCustomerIdentities } from "../models/identities.js";
import { createConversation } from "./create-conversation.js";
import { CUSTOMER_NUMBER_ALPHABET } from "../models/customers.js";
import { findOrCreateCustomer } from "./find-or-create-customer.js";

/** Digits randomInt hands out before falling back to real randomness: to force a number collision. */
const forcedDigits: number[] = [];
vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof import("node:crypto")>();
  return {
    ...crypto,
    randomInt: (max: number) => forcedDigits.shift() ?? crypto.randomInt(max),
  };
});

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const short = () => Math.random().toString(36).slice(2, 10);

const findOrCreate = (
  workspaceId: string,
  handles: { email?: string; phone?: string; name?: string },
  seen: { at: Date; language: "en" | "hr" | null },
) =>
  t.ctx.db.transaction((tx) => findOrCreateCustomer(tx, workspaceId, handles, seen, { mode: t.ctx.db.mode }));

describe("findOrCreateCustomer", () => {
  it("creates a customer with their identities, seen when they wrote, and records customer.created", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const email = `New-${short()}@Example.test`;
    const at = new Date(Date.now() + 60_000);
    const { customer, isNew } = await findOrCreate(
      workspace.id,
      { email, phone: "+385 91 234-5678", name: " Ana " },
      { at, language: "hr" },
    );
    expect(isNew).toBe(true);
    expect(customer).toMatchObject({ name: "Ana", language: "hr", last_seen_at: at });
    expect(customer.number).toMatch(/^[0-9A-Z]{6}$/);
    const identities = await findCustomerIdentities(t.ctx.db, customer.id);
    expect(identities.map((i) => [i.kind, i.value, i.value_normalized])).toEqual([
      ["email", email, email.toLowerCase()],
      ["phone", "+385 91 234-5678", "385912345678"],
    ]);
    const events = await t.ctx.db.query<{ type: string; payload: { customerId: string } }>(
      "SELECT type, payload FROM events WHERE workspace_id = $1 AND type = 'customer.created'",
      [workspace.id],
    );
    expect(events).toEqual([{ type: "customer.created", payload: { customerId: customer.id } }]);
    const [row] = await t.ctx.db.query<{ email: string; phone: string; name_search: string }>(
      "SELECT email, phone, name_search::text FROM customers WHERE id = $1",
      [customer.id],
    );
    expect(row).toEqual({ email, phone: "+385 91 234-5678", name_search: "'ana':1" });
  });

  it("keeps last_seen_at at the creation time for a message from the past (an import)", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const { customer } = await findOrCreate(
      workspace.id,
      { email: `old-${short()}@example.test` },
      { at: new Date("2020-01-01T00:00:00Z"), language: null },
    );
    expect(customer.last_seen_at.getTime()).toBe(customer.created_at.getTime());
  });

  it("touches a known customer: a later last_seen_at, a missing name and language, never an agent's", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const email = `known-${short()}@example.test`;
    const first = await buildCustomer(t.ctx, { workspaceId: workspace.id, email, name: null });
    const at = new Date(Date.now() + 60_000);
    const { customer, isNew } = await findOrCreate(
      workspace.id,
      { email: email.toUpperCase(), name: "Marko" },
      { at, language: "en" },
    );
    expect(isNew).toBe(false);
    expect(customer).toMatchObject({ id: first.id, name: "Marko", language: "en", last_seen_at: at });
    const again = await findOrCreate(
      workspace.id,
      { email, name: "Someone Else" },
      { at: new Date("2020-01-01T00:00:00Z"), language: "hr" },
    );
    expect(again.customer).toMatchObject({ id: first.id, name: "Marko", language: "en", last_seen_at: at });
    const [row] = await t.ctx.db.query<{ name_search: string }>(
      "SELECT name_search::text FROM customers WHERE id = $1",
      [first.id],
    );
    expect(row!.name_search).toBe("'marko':1");
  });

  it("takes the customer of the first known handle and adds their new handles, never another's", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const email = `ana-${short()}@example.test`;
    const ana = await buildCustomer(t.ctx, { workspaceId: workspace.id, email });
    const marko = await buildCustomer(t.ctx, { workspaceId: workspace.id, phone: "091 111 2222" });
    const { customer } = await findOrCreate(
      workspace.id,
      { email, phone: "0911112222" },
      { at: new Date(), language: null },
    );
    expect(customer.id).toBe(ana.id);
    expect((await findCustomerIdentities(t.ctx.db, ana.id)).map((i) => i.kind)).toEqual(["email"]);

    const byPhone = await findOrCreate(
      workspace.id,
      { email: `marko-${short()}@example.test`, phone: "091 111 2222" },
      { at: new Date(), language: null },
    );
    expect(byPhone.customer.id).toBe(marko.id);
    expect((await findCustomerIdentities(t.ctx.db, marko.id)).map((i) => i.kind)).toEqual(["phone", "email"]);
  });

  it("retries a new customer whose number is taken, writing and touching nothing for the refused try", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const taken = await buildCustomer(t.ctx, { workspaceId: workspace.id, name: "Taken" });
    const [before] = await t.ctx.db.query<{ last_seen_at: Date }>(
      "SELECT last_seen_at FROM customers WHERE id = $1",
      [taken.id],
    );
    forcedDigits.push(...[...taken.number].map((ch) => CUSTOMER_NUMBER_ALPHABET.indexOf(ch)));
    const email = `retry-${short()}@example.test`;
    const at = new Date(Date.now() + 60_000);
    const { customer, isNew } = await findOrCreate(
      workspace.id,
      { email, name: "Ana" },
      { at, language: "hr" },
    );
    expect(forcedDigits).toEqual([]);
    expect(isNew).toBe(true);
    expect(customer).toMatchObject({ name: "Ana", language: "hr", last_seen_at: at });
    expect(customer.number).not.toBe(taken.number);
    expect((await findCustomerIdentities(t.ctx.db, customer.id)).map((i) => i.value)).toEqual([email]);
    const events = await t.ctx.db.query<{ payload: { customerId: string } }>(
      "SELECT payload FROM events WHERE workspace_id = $1 AND type = 'customer.created' ORDER BY id",
      [workspace.id],
    );
    expect(events.map((e) => e.payload.customerId)).toEqual([taken.id, customer.id]);
    const customers = await t.ctx.db.query<{ id: string; name: string; last_seen_at: Date }>(
      "SELECT id, name, last_seen_at FROM customers WHERE workspace_id = $1 ORDER BY created_at, id",
      [workspace.id],
    );
    expect(customers).toEqual([
      { id: taken.id, name: "Taken", last_seen_at: before!.last_seen_at },
      { id: customer.id, name: "Ana", last_seen_at: at },
    ]);
  });

  it("creates one customer for concurrent first messages from one new address", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const inbox = await buildInbox(t.ctx, { workspaceId: workspace.id, channel: "email" });
    const email = `race-${short()}@example.test`;
    const created = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        createConversation(t.ctx.db, {
          workspaceId: workspace.id,
          inboxId: inbox.id,
          customer: { email },
          subject: `Race ${i}`,
          body: "Hello",
        }),
      ),
    );
    expect(new Set(created.map((c) => c.customer.id)).size).toBe(1);
    const customers = await t.ctx.db.query("SELECT id FROM customers WHERE workspace_id = $1", [
      workspace.id,
    ]);
    expect(customers).toHaveLength(1);
  });
});

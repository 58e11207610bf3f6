import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import {
  buildConversation,
  buildCustomer,
  ownerActor,
} from "../../../test/helpers/factories-conversations.js";
import { updateConversation } from "../commands/update-conversation.js";
import { updateTag } from "../commands/update-tag.js";
import { newId } from "../lib/ids.js";
import { insertIdentity } from "./identities.js";

// Migration 0002 keeps copies for the conversation list (customers.email/phone, conversations.tag_names)
// by triggers; these tests change the source rows every way the app can and compare the copies.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const contacts = async (customerId: string) =>
  (
    await t.ctx.db.query<{ email: string | null; phone: string | null }>(
      "SELECT email, phone FROM customers WHERE id = $1",
      [customerId],
    )
  )[0];

const tagNames = async (conversationId: string) =>
  (
    await t.ctx.db.query<{ tag_names: string[] }>("SELECT tag_names FROM conversations WHERE id = $1", [
      conversationId,
    ])
  )[0]!.tag_names;

describe("customers.email and customers.phone", () => {
  it("hold the oldest email and phone identity as identities come and go", async () => {
    const customer = await buildCustomer(t.ctx, { email: "first@example.test", phone: null });
    expect(await contacts(customer.id)).toEqual({ email: "first@example.test", phone: null });

    const add = (kind: "email" | "phone", value: string) =>
      insertIdentity(t.ctx.db, {
        id: newId(),
        workspaceId: customer.workspace_id,
        customerId: customer.id,
        kind,
        value,
      });
    await add("phone", "+385 91 555 0101");
    await add("email", "second@example.test");
    expect(await contacts(customer.id)).toEqual({ email: "first@example.test", phone: "+385 91 555 0101" });

    await t.ctx.db.query("DELETE FROM identities WHERE customer_id = $1 AND value = $2", [
      customer.id,
      "first@example.test",
    ]);
    expect((await contacts(customer.id))?.email).toBe("second@example.test");

    // An identity moved to another customer (as a merge would) leaves one and reaches the other.
    const other = await buildCustomer(t.ctx, { workspaceId: customer.workspace_id });
    await t.ctx.db.query("UPDATE identities SET customer_id = $2 WHERE customer_id = $1 AND kind = 'phone'", [
      customer.id,
      other.id,
    ]);
    expect((await contacts(customer.id))?.phone).toBeNull();
    expect((await contacts(other.id))?.phone).toBe("+385 91 555 0101");
  });
});

describe("conversations.tag_names", () => {
  it("follows tagging, renaming and deleting tags, sorted case-insensitively", async () => {
    const { conversation, workspaceId } = await buildConversation(t.ctx, { tags: ["shipping", "Billing"] });
    expect(await tagNames(conversation.id)).toEqual(["Billing", "shipping"]);

    const owner = await ownerActor(t.ctx, workspaceId);
    await updateConversation(t.ctx.db, owner, conversation.id, { tags: ["shipping", "Angry"] });
    expect(await tagNames(conversation.id)).toEqual(["Angry", "shipping"]);

    const [shipping] = await t.ctx.db.query<{ id: string }>(
      "SELECT id FROM tags WHERE workspace_id = $1 AND name = 'shipping'",
      [workspaceId],
    );
    await updateTag(t.ctx.db, owner, shipping!.id, { name: "Delivery" });
    expect(await tagNames(conversation.id)).toEqual(["Angry", "Delivery"]);

    await t.ctx.db.query("DELETE FROM tags WHERE id = $1", [shipping!.id]);
    expect(await tagNames(conversation.id)).toEqual(["Angry"]);

    await updateConversation(t.ctx.db, owner, conversation.id, { tags: [] });
    expect(await tagNames(conversation.id)).toEqual([]);
  });
});

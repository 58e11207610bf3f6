import { randomUUID } from "node:crypto";
import type { Actor, AppContext } from "../../src/server/context.js";
import { createConversation } from "../../src/server/commands/create-conversation.js";
import { createInbox } from "../../src/server/commands/create-inbox.js";
import { findOrCreateCustomer } from "../../src/server/commands/find-or-create-customer.js";
import { setInboxMembers } from "../../src/server/commands/update-inbox.js";
import {
  updateConversation,
  type UpdateConversationInput,
} from "../../src/server/commands/update-conversation.js";
import type { Language } from "../../src/server/lib/guess-language.js";
import type { ConversationRow } from "../../src/server/models/conversations.js";
import type { CustomerRow } from "../../src/server/models/customers.js";
import type { Channel, InboxAccess, InboxRow } from "../../src/server/models/inboxes.js";
import type { MessageRow } from "../../src/server/models/messages.js";
import { buildWorkspace } from "./factories.js";

const short = () => randomUUID().slice(0, 8);

/**
 * An actor with the owner's rights in the workspace, for factories and the demo seed: commands need an
 * actor, and the owner may do everything. Uses the workspace's first owner.
 */
export async function ownerActor(ctx: AppContext, workspaceId: string): Promise<Actor> {
  const rows = await ctx.db.query<{ id: string; name: string }>(
    "SELECT id, name FROM users WHERE workspace_id = $1 AND role = 'owner' ORDER BY created_at LIMIT 1",
    [workspaceId],
  );
  const owner = rows[0];
  if (!owner) throw new Error(`workspace ${workspaceId} has no owner`);
  return { userId: owner.id, workspaceId, role: "owner", name: owner.name, via: "token" };
}

async function workspaceIdOf(ctx: AppContext, workspaceId?: string): Promise<string> {
  return workspaceId ?? (await buildWorkspace(ctx)).workspace.id;
}

export interface InboxOverrides {
  workspaceId?: string;
  name?: string;
  channel?: Channel;
  address?: string;
  access?: InboxAccess;
  /** Members (who see it when access is 'members'). */
  memberIds?: string[];
}

/** An inbox (email by default, with a unique address); creates the workspace when none is given. */
export async function buildInbox(ctx: AppContext, overrides: InboxOverrides = {}): Promise<InboxRow> {
  const workspaceId = await workspaceIdOf(ctx, overrides.workspaceId);
  const actor = await ownerActor(ctx, workspaceId);
  const channel = overrides.channel ?? "email";
  const inbox = await createInbox(ctx.db, actor, {
    name: overrides.name ?? `Inbox ${short()}`,
    channel,
    address: overrides.address ?? (channel === "email" ? `support-${short()}@example.test` : undefined),
    access: overrides.access,
  });
  if (overrides.memberIds) await setInboxMembers(ctx.db, actor, inbox.id, overrides.memberIds);
  return inbox;
}

export interface CustomerOverrides {
  workspaceId?: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  language?: Language | null;
}

/** A customer with a unique email (unless handles are given); creates the workspace when none is given. */
export async function buildCustomer(
  ctx: AppContext,
  overrides: CustomerOverrides = {},
): Promise<CustomerRow> {
  const workspaceId = await workspaceIdOf(ctx, overrides.workspaceId);
  const hasHandle = overrides.email !== undefined || overrides.phone !== undefined;
  const { customer } = await ctx.db.transaction((tx) =>
    findOrCreateCustomer(
      tx,
      workspaceId,
      {
        email: hasHandle ? overrides.email : `customer-${short()}@example.test`,
        phone: overrides.phone,
        name: overrides.name === undefined ? `Customer ${short()}` : overrides.name,
      },
      { at: new Date(), language: overrides.language ?? null },
      { mode: ctx.db.mode },
    ),
  );
  return customer;
}

export interface ConversationOverrides extends UpdateConversationInput {
  workspaceId?: string;
  inboxId?: string;
  customer?: { email?: string; phone?: string; name?: string };
  subject?: string | null;
  body?: string;
  language?: Language;
  at?: Date;
}

export interface BuiltConversation {
  conversation: ConversationRow;
  message: MessageRow;
  customer: CustomerRow;
  workspaceId: string;
}

/**
 * A conversation as if a customer wrote in, creating the workspace, inbox and customer when missing.
 * Status, assignee, team, priority, tags and snooze given in `overrides` are applied afterwards by the
 * workspace owner, through the same command the API uses (so activity messages and events exist too).
 */
export async function buildConversation(
  ctx: AppContext,
  overrides: ConversationOverrides = {},
): Promise<BuiltConversation> {
  const workspaceId = await workspaceIdOf(ctx, overrides.workspaceId);
  const inboxId = overrides.inboxId ?? (await buildInbox(ctx, { workspaceId })).id;
  const created = await createConversation(ctx.db, {
    workspaceId,
    inboxId,
    customer: overrides.customer ?? {
      email: `customer-${short()}@example.test`,
      name: `Customer ${short()}`,
    },
    subject: overrides.subject === undefined ? `Question ${short()}` : overrides.subject,
    body: overrides.body ?? `Hello, I have a question about order ${short()}.`,
    language: overrides.language,
    at: overrides.at,
  });
  const { status, assigneeId, teamId, priority, tags, snoozedUntil } = overrides;
  const change: UpdateConversationInput = { status, assigneeId, teamId, priority, tags, snoozedUntil };
  let conversation = created.conversation;
  if (Object.values(change).some((value) => value !== undefined)) {
    conversation = await updateConversation(
      ctx.db,
      await ownerActor(ctx, workspaceId),
      conversation.id,
      change,
    );
  }
  return { conversation, message: created.message, customer: created.customer, workspaceId };
}

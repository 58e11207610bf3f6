import { z } from "zod";
import type { ConversationViewRow } from "../models/conversations.js";
import type { ConversationAbilities } from "../policies/conversation-policy.js";
import { ZCustomerSummary } from "./customer-presenter.js";
import { ZFollowUp, type TFollowUp } from "./follow-up-presenter.js";
import { ZChannel } from "./inbox-presenter.js";
import { ZMessage, type TMessage } from "./message-presenter.js";

export const ZConversationStatus = z.enum(["open", "pending", "snoozed", "resolved"]);
export const ZPriority = z.enum(["low", "normal", "high", "urgent"]);
const ZNamed = z.object({ id: z.string(), name: z.string() });

/** A row of the conversation list. */
export const ZConversationItem = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string().nullable(),
  status: ZConversationStatus,
  priority: ZPriority,
  assignee: ZNamed.nullable(),
  team: ZNamed.nullable(),
  customer: ZCustomerSummary,
  inboxId: z.string(),
  channel: ZChannel,
  tags: z.array(z.string()),
  lastMessageAt: z.string(),
  waitingSince: z.string().nullable(),
  /** The earliest deadline of its running SLA clocks (null: none runs with a target). */
  slaDueAt: z.string().nullable(),
  /** ok, warning (past the warning point) or breached; null when no SLA clock runs. */
  slaState: z.enum(["ok", "warning", "breached"]).nullable(),
  preview: z.string(),
  language: z.enum(["en", "ru", "hr", "sk"]),
  /** The mood of the customer's latest message, read from its words; null before one was read. */
  sentiment: z.enum(["negative", "neutral", "positive"]).nullable(),
  /** The shop's order the conversation is about, when known. */
  orderNumber: z.string().nullable(),
});
export type TConversationItem = z.infer<typeof ZConversationItem>;

/** What the actor may do with the conversation (see policies/conversation-policy.ts). */
export const ZAbilities = z.object({
  canReply: z.boolean(),
  canAddNote: z.boolean(),
  canAssign: z.boolean(),
  canSetTeam: z.boolean(),
  canSetStatus: z.boolean(),
  canSetPriority: z.boolean(),
  canTag: z.boolean(),
  canSnooze: z.boolean(),
  canFollowUp: z.boolean(),
});

/** One conversation opened: the list fields, its timeline (oldest first) and what the actor may do. */
export const ZConversation = ZConversationItem.extend({
  snoozedUntil: z.string().nullable(),
  firstReplyAt: z.string().nullable(),
  /** Chat: the customer has read everything written before this time (read receipts). */
  customerReadAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  messageCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The newest 500 messages are shown; true when older ones exist (page with GET …/messages?before=). */
  messages: z.array(ZMessage),
  hasEarlierMessages: z.boolean(),
  /** The pending "follow up on <date>", or null. */
  followUp: ZFollowUp.nullable(),
  abilities: ZAbilities,
});
export type TConversation = z.infer<typeof ZConversation>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Builds a list item from a view row (which already carries the customer and tag names). */
export function presentConversationItem(row: ConversationViewRow): TConversationItem {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? "" } : null,
    team: row.team_id ? { id: row.team_id, name: row.team_name ?? "" } : null,
    customer: {
      id: row.customer_id,
      number: row.customer_number,
      name: row.customer_name,
      email: row.customer_email,
      phone: row.customer_phone,
    },
    inboxId: row.inbox_id,
    channel: row.channel,
    tags: row.tag_names,
    lastMessageAt: row.last_message_at.toISOString(),
    waitingSince: iso(row.waiting_since),
    slaDueAt: iso(row.sla_due_at),
    slaState: row.sla_state,
    preview: row.preview,
    language: row.language,
    sentiment: row.sentiment,
    orderNumber: row.order_number,
  };
}

/** Builds the opened conversation from its loaded parts. */
export function presentConversation(
  row: ConversationViewRow,
  messages: TMessage[],
  hasEarlierMessages: boolean,
  abilities: ConversationAbilities,
  followUp: TFollowUp | null = null,
): TConversation {
  return {
    ...presentConversationItem(row),
    snoozedUntil: iso(row.snoozed_until),
    firstReplyAt: iso(row.first_reply_at),
    customerReadAt: iso(row.customer_read_at),
    resolvedAt: iso(row.resolved_at),
    messageCount: row.message_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    messages,
    hasEarlierMessages,
    followUp,
    abilities: { ...abilities },
  };
}

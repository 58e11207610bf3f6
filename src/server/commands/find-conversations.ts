import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import {
  findConversationList,
  type ConversationListFilter,
  type ConversationListRow,
  type ConversationSort,
} from "../models/conversation-list.js";
import type { ConversationStatus, Priority } from "../models/conversations.js";
import type { Channel } from "../models/inboxes.js";
import type { Language } from "../lib/guess-language.js";
import type { Sentiment } from "../lib/read-customer-message.js";
import { decodeCursor, encodeCursor } from "../presenters/cursor.js";
import { findMatchingCustomerIds } from "../search/customer-search.js";
import { isWorkspaceAdmin } from "../policies/inbox-policy.js";
import { findInboxScope } from "./find-inbox-scope.js";

export interface FindConversationsQuery {
  status?: ConversationStatus;
  /** "me", "none" or a user id. */
  assignee?: string;
  inboxId?: string;
  teamId?: string;
  tag?: string;
  priority?: Priority;
  channel?: Channel;
  customerId?: string;
  sla?: "due_soon";
  sentiment?: Sentiment;
  language?: Language;
  q?: string;
  /** Customers already found for `q` (the search page has them); looked up when absent. */
  qCustomerIds?: string[];
  sort?: ConversationSort;
  limit: number;
  cursor?: string;
}

/**
 * The inbox filter of a list. Owners and admins see every inbox. For an agent's folder the visible
 * inboxes are chosen inside the list query; a text search gets them as a list of ids instead, because the
 * planner picks a much slower path for the GIN match when the inboxes come from a subquery
 * (search p95 39 → 91 ms on the benchmark).
 */
async function visibleTo(
  db: Database,
  actor: Actor,
  isTextSearch: boolean,
): Promise<ConversationListFilter["visibleTo"]> {
  if (isWorkspaceAdmin(actor)) return { all: true };
  if (!isTextSearch) return { userId: actor.userId };
  const scope = await findInboxScope(db, actor);
  return scope.isAll ? { all: true } : { inboxIds: scope.ids };
}

/** How many customers a text query may pull conversations in from. */
export const CUSTOMER_MATCHES = 50;

/**
 * One page of the conversations the actor may see, filtered and sorted (newest activity, or longest
 * waiting). `q` matches the text in any of the four languages and the conversations of customers whose
 * name, handle or number matches. Throws 400 naming `cursor` for a cursor this list did not make.
 */
export async function findConversations(
  db: Database,
  actor: Actor,
  query: FindConversationsQuery,
): Promise<{ rows: ConversationListRow[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const q = query.q?.trim();
  const filter: ConversationListFilter = {
    workspaceId: actor.workspaceId,
    visibleTo: await visibleTo(db, actor, Boolean(q)),
    status: query.status,
    assignee:
      query.assignee === undefined
        ? undefined
        : { id: query.assignee === "none" ? null : query.assignee === "me" ? actor.userId : query.assignee },
    inboxId: query.inboxId,
    teamId: query.teamId,
    tag: query.tag,
    priority: query.priority,
    channel: query.channel,
    customerId: query.customerId,
    sla: query.sla,
    sentiment: query.sentiment,
    language: query.language,
    text: q
      ? {
          query: q,
          customerIds:
            query.qCustomerIds ?? (await findMatchingCustomerIds(db, actor.workspaceId, q, CUSTOMER_MATCHES)),
        }
      : undefined,
  };
  const rows = await findConversationList(db, filter, {
    sort: query.sort ?? "newest",
    limit: query.limit + 1,
    after,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null;
  return { rows: page, nextCursor };
}

import type { Actor } from "../context.js";
import type { Queryable } from "../db/types.js";
import { expectedReplySeconds } from "../commands/expected-reply-time.js";
import { notFound } from "../lib/errors.js";
import type { Language } from "../lib/guess-language.js";
import { findReplyVariableFacts, type ReplyVariableFactsRow } from "../models/reply-variables.js";
import { expectedTimeText, officeHoursText } from "./localized-values.js";
import type { VariableValues } from "./variables.js";

const firstWord = (name: string | null) => name?.trim().split(/\s+/)[0] || null;

/**
 * Reads what the variables say about a conversation (customer, inbox, calendar, order, languages) and
 * about the actor (the agent). Throws 404 for a conversation not in the actor's workspace; callers check
 * that the actor sees it first.
 */
export async function loadReplyFacts(
  db: Queryable,
  actor: Actor,
  conversationId: string,
): Promise<ReplyVariableFactsRow> {
  const facts = await findReplyVariableFacts(db, actor.workspaceId, conversationId, actor.userId);
  if (!facts) throw notFound("Conversation");
  return facts;
}

/**
 * Every variable's value in one language (only the reply time and office hours depend on it). The
 * typical reply time costs a query of its own, made only when `names` (the variables the reply uses)
 * include `reply.expectedTime`; it is missing while the inbox had fewer than ten first replies in the
 * last week. Office hours are missing when the inbox follows no calendar.
 */
export async function variableValues(
  db: Queryable,
  facts: ReplyVariableFactsRow,
  lang: Language,
  names: string[],
): Promise<VariableValues> {
  const seconds = names.includes("reply.expectedTime")
    ? await expectedReplySeconds(db, facts.inbox_id)
    : null;
  const calendar =
    facts.calendar_time_zone === null
      ? null
      : {
          timeZone: facts.calendar_time_zone,
          intervals: facts.calendar_intervals ?? [],
          holidays: facts.calendar_holidays ?? [],
        };
  return {
    "customer.name": facts.customer_name,
    "customer.firstName": firstWord(facts.customer_name),
    "customer.email": facts.customer_email,
    "customer.phone": facts.customer_phone,
    "customer.number": facts.customer_number,
    "conversation.number": String(facts.conversation_number),
    "conversation.subject": facts.conversation_subject,
    "agent.name": facts.agent_name,
    "agent.firstName": firstWord(facts.agent_name),
    "agent.email": facts.agent_email,
    "inbox.name": facts.inbox_name,
    "inbox.email": facts.inbox_address,
    "order.number": facts.order_number,
    "reply.expectedTime": seconds === null ? null : expectedTimeText(lang, seconds),
    "inbox.officeHours": calendar ? officeHoursText(lang, calendar) : null,
  };
}

import type { Queryable } from "../db/types.js";
import { businessSeconds } from "../lib/business-hours.js";
import { findInboxCalendar, toBusinessCalendar } from "../models/calendars.js";
import { findRecentFirstReplies, findRecentFirstReplyMedian } from "../models/outgoing-emails.js";

/** Fewer first replies than this in the last week: no honest typical reply time. */
export const MIN_REPLY_SAMPLES = 10;
/** The newest first replies a business-hours median looks at. */
const MAX_SAMPLES = 2_000;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * The inbox's typical first reply time in seconds: the median over the last 7 days' first replies, in
 * business time when the inbox follows a calendar (a message left on Friday evening and answered Monday
 * morning waited minutes, not days), in calendar time otherwise; null with fewer than ten replies.
 */
export async function expectedReplySeconds(db: Queryable, inboxId: string): Promise<number | null> {
  const calendar = await findInboxCalendar(db, inboxId);
  if (!calendar) {
    const recent = await findRecentFirstReplyMedian(db, inboxId);
    return recent.median !== null && recent.samples >= MIN_REPLY_SAMPLES ? Math.round(recent.median) : null;
  }
  const replies = await findRecentFirstReplies(db, inboxId, MAX_SAMPLES);
  if (replies.length < MIN_REPLY_SAMPLES) return null;
  const hours = toBusinessCalendar(calendar);
  return Math.round(
    median(replies.map((reply) => businessSeconds(hours, reply.created_at, reply.first_reply_at))),
  );
}

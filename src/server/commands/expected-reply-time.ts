import type { Queryable } from "../db/types.js";
import { findRecentFirstResponseMedian } from "../models/response-clocks.js";

/** Fewer first replies than this in the last week: no honest typical reply time. */
export const MIN_REPLY_SAMPLES = 10;

/**
 * The inbox's typical first reply time in seconds: the median over the first responses of the last 7
 * days, in business time (a message left on Friday evening and answered Monday morning waited minutes,
 * not days; an inbox without a calendar is always open); null with fewer than ten replies. Read from the
 * reporting rows (response clocks), the same numbers the reports show.
 */
export async function expectedReplySeconds(db: Queryable, inboxId: string): Promise<number | null> {
  const recent = await findRecentFirstResponseMedian(db, inboxId);
  return recent.median !== null && recent.samples >= MIN_REPLY_SAMPLES ? Math.round(recent.median) : null;
}

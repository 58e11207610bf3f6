import type { Queryable } from "../db/types.js";
import { readBounceReport } from "../email/bounce-report.js";
import type { ParsedMail } from "../email/parse-mail.js";
import type { InboundEmailRow } from "../models/inbound-emails.js";
import { findOutgoingByEmailMessageId, markOutgoingFailed } from "../models/outgoing-emails.js";
import { reportDelivery } from "./report-delivery.js";

/**
 * A bounce (DSN) for mail this inbox sent marks that mail, and the reply it carried, as failed with the
 * remote server's reason; it never opens or reopens a conversation. Returns what the stored bounce is
 * noted with (it is kept, status 'ignored').
 */
export async function recordBounce(
  tx: Queryable,
  row: Pick<InboundEmailRow, "inbox_id"> & { raw: Buffer },
  mail: ParsedMail,
): Promise<string> {
  const original = mail.embeddedMessageId;
  if (!original) return "bounce without the original message: nothing to mark";
  const sent = await findOutgoingByEmailMessageId(tx, row.inbox_id, original);
  if (!sent) return `bounce for <${original}>, not mail this inbox sent`;
  const report = readBounceReport(row.raw);
  if (!report.isFailure) return `delay report for <${original}>: ${report.reason}`;
  const failed = await markOutgoingFailed(tx, sent.id, report.reason);
  if (failed) await reportDelivery(tx, failed, "failed", report.reason);
  return `bounce for <${original}>: marked failed`;
}

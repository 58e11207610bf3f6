/**
 * What a delivery status notification says, read from its raw text: whether delivery failed for good
 * (`Action: failed`) or is only delayed, and a reason a person can act on (the remote server's
 * Diagnostic-Code, else the status code). Pure; never throws.
 */
export function readBounceReport(raw: Buffer): { isFailure: boolean; reason: string } {
  const text = raw.toString("latin1");
  const actions = [...text.matchAll(/^Action:[ \t]*([a-z]+)/gim)].map((m) => m[1]!.toLowerCase());
  const isFailure = actions.length === 0 || actions.includes("failed");
  const diagnostic = /^Diagnostic-Code:[ \t]*((?:[^\r\n]*)(?:\r?\n[ \t]+[^\r\n]*)*)/im.exec(text);
  const status = /^Status:[ \t]*([245]\.\d{1,3}\.\d{1,3})/im.exec(text);
  const detail = diagnostic
    ? diagnostic[1]!
        .replace(/\s+/g, " ")
        .replace(/^smtp;\s*/i, "")
        .trim()
        .slice(0, 300)
    : status
      ? `status ${status[1]}`
      : "no reason given";
  return {
    isFailure,
    reason: isFailure
      ? `The recipient's mail server returned it as undeliverable: ${detail}`
      : `Delivery is delayed: ${detail}`,
  };
}

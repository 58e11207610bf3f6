import type { ClockKind } from "../models/response-clocks.js";
import { composeMail, escapeHtml } from "./compose-mail.js";
import { durationText, emailText } from "./email-text.js";

export type SlaAlertType = "sla.warning" | "sla.breached";

/** What an alert mail says: the step, the clock and the conversation, all as stored (unescaped). */
export interface SlaAlertMail {
  type: SlaAlertType;
  language: string;
  /** The deadline's time zone: the inbox's calendar, else the workspace's. */
  timeZone: string;
  /** When the warning or breach happened (a breach: its due time). */
  at: Date;
  clock: { kind: ClockKind; policyName: string | null; targetSeconds: number | null; dueAt: Date | null };
  conversation: {
    number: number;
    subject: string | null;
    url: string;
    inboxName: string;
    customerName: string | null;
    priority: string;
    assigneeName: string | null;
  };
  workspaceName: string;
  from: string;
  to: { name: string; address: string };
  /** Why this address gets it: it is the conversation's owner, or it is on the workspace's list. */
  reason: "assignee" | "extra";
  messageId: string;
}

/** A subject fit for one header line: whitespace collapsed, at most 120 characters. */
function oneLine(text: string | null, max = 120): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "short" }).format(at);
}

/**
 * The deadline for a subject ("14:30", or with the date when it is another day than the step) and for
 * the body (date, time and zone), in the recipient's language.
 */
function deadlineTexts(mail: SlaAlertMail): { short: string; long: string } {
  const due = mail.clock.dueAt ?? mail.at;
  const zone = mail.timeZone;
  const sameDay = localDay(due, zone) === localDay(mail.at, zone);
  const short = new Intl.DateTimeFormat(mail.language, {
    timeZone: zone,
    ...(sameDay ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" }),
  }).format(due);
  const long = new Intl.DateTimeFormat(mail.language, {
    timeZone: zone,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(due);
  return { short, long: `${long} (${zone.replaceAll("_", " ")})` };
}

/**
 * The bytes of an SLA alert mail: a plain text part and an HTML part built from the same catalog lines,
 * every value escaped in the HTML (a customer's subject or name never becomes markup or a link), marked
 * `Auto-Submitted: auto-generated` so auto-responders stay quiet.
 */
export async function composeSlaAlertMail(mail: SlaAlertMail): Promise<Buffer> {
  const { language: lang, conversation: c, clock } = mail;
  const step = mail.type === "sla.warning" ? "warning" : "breached";
  const deadline = deadlineTexts(mail);
  // Numbers as text: a conversation is "#1234", never "#1,234".
  const number = String(c.number);
  const subjectText = oneLine(c.subject) || emailText(lang, "slaAlert.noSubject");
  const lines = [
    emailText(lang, `slaAlert.intro.${step}.${clock.kind}`, { number, dueAt: deadline.long }),
    emailText(lang, "slaAlert.subjectLine", { subject: subjectText }),
    emailText(lang, "slaAlert.customer", { customer: c.customerName ?? "—" }),
    emailText(lang, "slaAlert.inbox", { inbox: c.inboxName }),
    emailText(lang, "slaAlert.priority", { priority: emailText(lang, `slaAlert.priority.${c.priority}`) }),
    c.assigneeName
      ? emailText(lang, "slaAlert.assignee", { name: c.assigneeName })
      : emailText(lang, "slaAlert.unassigned"),
    ...(clock.policyName && clock.targetSeconds
      ? [
          emailText(lang, "slaAlert.policy", {
            policy: clock.policyName,
            target: durationText(lang, clock.targetSeconds),
          }),
        ]
      : []),
  ];
  const footer = emailText(lang, `slaAlert.footer.${mail.reason}`, { workspace: mail.workspaceName });
  const linkText = emailText(lang, "slaAlert.open");
  const text = [lines[0], lines.slice(1).join("\n"), `${linkText}: ${c.url}`, `-- \n${footer}`].join("\n\n");
  const html =
    `<p><strong>${escapeHtml(lines[0]!)}</strong></p>` +
    `<p>${lines.slice(1).map(escapeHtml).join("<br>")}</p>` +
    `<p><a href="${escapeHtml(c.url)}">${escapeHtml(linkText)}</a></p>` +
    `<p style="color: #59636e; font-size: 13px">${escapeHtml(footer)}</p>`;
  return composeMail({
    from: { name: mail.workspaceName, address: mail.from },
    to: mail.to,
    subject: emailText(lang, `slaAlert.subject.${step}.${clock.kind}`, {
      time: deadline.short,
      number,
      subject: subjectText,
    }),
    markdown: text,
    html,
    messageId: mail.messageId,
    autoSubmitted: "auto-generated",
    date: new Date(),
  });
}

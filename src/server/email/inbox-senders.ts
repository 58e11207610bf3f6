import type { Queryable } from "../db/types.js";
import type { InstallKeys } from "../lib/install-secret.js";
import { findInboxSmtpSecrets } from "../models/inbox-smtp.js";
import { smtpSender, type MailSender } from "./mail-transport.js";

/**
 * The outgoing servers of inboxes that have their own (inbox_smtp), as pooled transports: re-read at
 * every outbox pass, so a changed or removed setting applies without a restart; a transport is
 * replaced when its settings change and closed when they go away.
 */
export class InboxSenders {
  private readonly senders = new Map<string, { version: number; sender: MailSender }>();

  constructor(private readonly create: (url: string) => MailSender = smtpSender) {}

  async refresh(db: Queryable, keys: InstallKeys): Promise<void> {
    const rows = await findInboxSmtpSecrets(db);
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.inbox_id);
      const version = row.updated_at.getTime();
      const current = this.senders.get(row.inbox_id);
      if (current?.version === version) continue;
      current?.sender.close();
      this.senders.set(row.inbox_id, { version, sender: this.create(keys.open(row.url_sealed)) });
    }
    for (const [inboxId, { sender }] of this.senders) {
      if (seen.has(inboxId)) continue;
      sender.close();
      this.senders.delete(inboxId);
    }
  }

  /** The inbox's own sender, or undefined when it sends through the install's (HEED_SMTP_URL). */
  forInbox(inboxId: string | null): MailSender | undefined {
    return inboxId ? this.senders.get(inboxId)?.sender : undefined;
  }

  inboxIds(): string[] {
    return [...this.senders.keys()];
  }

  close(): void {
    for (const { sender } of this.senders.values()) sender.close();
    this.senders.clear();
  }
}

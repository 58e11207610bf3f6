import type { Queryable } from "../db/types.js";

export type WebhookStatus = "queued" | "sending" | "sent" | "failed";

export interface WebhookDeliveryRow {
  id: string;
  workspace_id: string;
  url: string;
  event_type: string;
  body: string;
  status: WebhookStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const columns = `id, workspace_id, url, event_type, body, status, attempts, next_attempt_at, last_error,
  created_at, sent_at`;

export async function insertWebhookDelivery(
  tx: Queryable,
  delivery: { id: string; workspaceId: string; url: string; eventType: string; body: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO webhook_deliveries (id, workspace_id, url, event_type, body) VALUES ($1, $2, $3, $4, $5)`,
    [delivery.id, delivery.workspaceId, delivery.url, delivery.eventType, delivery.body],
  );
}

/** A claimed delivery with where and how its workspace wants webhooks now. */
export interface ClaimedWebhookRow extends WebhookDeliveryRow {
  current_url: string | null;
  secret_sealed: string | null;
}

/**
 * Takes up to `limit` deliveries due at `now` (the database's clock when null), skipping rows another
 * process holds, marks them 'sending' under a lease of `leaseSeconds` and counts the attempt. Commit
 * before posting, so a crash while posting is seen afterwards as an expired lease.
 */
export async function claimDueWebhooks(
  tx: Queryable,
  now: Date | null,
  limit: number,
  leaseSeconds: number,
): Promise<ClaimedWebhookRow[]> {
  return tx.query<ClaimedWebhookRow>(
    `UPDATE webhook_deliveries d SET status = 'sending', attempts = d.attempts + 1,
            lease_until = coalesce($1::timestamptz, now()) + make_interval(secs => $3)
      WHERE d.id IN (SELECT id FROM webhook_deliveries
                      WHERE status = 'queued' AND next_attempt_at <= coalesce($1::timestamptz, now())
                      ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING ${columns.replace(/(\w+)/g, "d.$1")},
        (SELECT s.webhook_url FROM sla_alert_settings s WHERE s.workspace_id = d.workspace_id) AS current_url,
        (SELECT s.webhook_secret_sealed FROM sla_alert_settings s WHERE s.workspace_id = d.workspace_id)
          AS secret_sealed`,
    [now, limit, leaseSeconds],
  );
}

/**
 * Records the outcome of an attempt; only a delivery still 'sending' changes (a lease taken over stays).
 * A sent delivery keeps the error of the attempt before (e.g. that one was cut off), for the admin.
 */
export async function finishWebhookAttempt(
  tx: Queryable,
  id: string,
  outcome:
    | { status: "sent" }
    | { status: "queued"; error: string; nextAttemptAt: Date }
    | { status: "failed"; error: string },
): Promise<void> {
  await tx.query(
    `UPDATE webhook_deliveries SET status = $2, lease_until = NULL,
            last_error = CASE WHEN $2 = 'sent' THEN last_error ELSE $3 END,
            next_attempt_at = coalesce($4, next_attempt_at),
            sent_at = CASE WHEN $2 = 'sent' THEN now() END
      WHERE id = $1 AND status = 'sending'`,
    [
      id,
      outcome.status,
      outcome.status === "sent" ? null : outcome.error,
      outcome.status === "queued" ? outcome.nextAttemptAt : null,
    ],
  );
}

/**
 * Deliveries whose sender stopped mid-attempt (crash, kill): the lease ran out (by `now`, else the
 * database's clock) while 'sending'. Locked, for the caller to queue again or give up on.
 */
export async function lockAbandonedWebhooks(
  tx: Queryable,
  now: Date | null,
  limit: number,
): Promise<WebhookDeliveryRow[]> {
  return tx.query<WebhookDeliveryRow>(
    `SELECT ${columns} FROM webhook_deliveries
      WHERE status = 'sending' AND lease_until < coalesce($1::timestamptz, now())
      ORDER BY lease_until LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
}

/** Puts an abandoned delivery back in the queue, due at once (or gives up on it), saying what happened. */
export async function settleAbandonedWebhook(
  tx: Queryable,
  id: string,
  outcome: { status: "queued" | "failed"; error: string; nextAttemptAt: Date | null },
): Promise<void> {
  await tx.query(
    `UPDATE webhook_deliveries SET status = $2, lease_until = NULL, last_error = $3,
            next_attempt_at = coalesce($4::timestamptz, now())
      WHERE id = $1 AND status = 'sending'`,
    [id, outcome.status, outcome.error, outcome.nextAttemptAt],
  );
}

/** When the worker must look again: the next queued delivery, or the next lease to run out. */
export async function findNextWebhookDue(db: Queryable): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>(
    `SELECT least((SELECT min(next_attempt_at) FROM webhook_deliveries WHERE status = 'queued'),
                  (SELECT min(lease_until) FROM webhook_deliveries WHERE status = 'sending')) AS at`,
  );
  return rows[0]?.at ?? null;
}

/** A workspace's newest deliveries, for its admins to see failures. */
export async function findRecentWebhookDeliveries(
  db: Queryable,
  workspaceId: string,
  limit: number,
): Promise<WebhookDeliveryRow[]> {
  return db.query<WebhookDeliveryRow>(
    `SELECT ${columns} FROM webhook_deliveries WHERE workspace_id = $1
      ORDER BY created_at DESC, id DESC LIMIT $2`,
    [workspaceId, limit],
  );
}

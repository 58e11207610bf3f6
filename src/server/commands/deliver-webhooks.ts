import { createHmac } from "node:crypto";
import type { Database } from "../db/types.js";
import type { InstallKeys } from "../lib/install-secret.js";
import {
  claimDueWebhooks,
  findNextWebhookDue,
  finishWebhookAttempt,
  lockAbandonedWebhooks,
  settleAbandonedWebhook,
  type ClaimedWebhookRow,
} from "../models/webhook-deliveries.js";
import { heedVersion } from "../version.js";

/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How long one batch may take before its deliveries count as abandoned — far beyond the timeout. */
export const WEBHOOK_LEASE_SECONDS = 60;
/** The wait after the 1st, 2nd, … failed attempt; after the attempt that has none, it is given up. */
export const WEBHOOK_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 6 * 3600_000];
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;
/** Deliveries posted (in parallel) per call; the caller calls again while a call takes this many. */
export const WEBHOOK_BATCH = 10;

export const INTERRUPTED_DELIVERY =
  "Heed stopped while posting this, so it may have arrived: it is posted again with the same X-Heed-Delivery id.";
export const ADDRESS_CHANGED =
  "The webhook address was changed or removed after this was queued: it is not posted to the old one.";
export const SECRET_UNREADABLE =
  "The signing secret cannot be read (was HEED_SECRET changed?): create a new one in the SLA settings.";

/**
 * The `X-Heed-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed with
 * the workspace's webhook secret as shown to its admin. The time is signed with the body, so a receiver
 * that refuses old times cannot be fed a recorded request again.
 */
export function webhookSignature(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

export interface DeliverWebhooksOptions {
  keys: InstallKeys;
  fetch?: typeof fetch;
  /**
   * The time deliveries are due by and retries are counted from (tests); by default the database's clock
   * decides what is due. The signature always carries the real time.
   */
  now?: Date;
  timeoutMs?: number;
}

/** The first few hundred characters a receiver answered, for the admin's error column. */
async function answerSnippet(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < 300) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => {});
  const text = Buffer.concat(chunks).toString("utf8").replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `no answer within ${timeoutMs / 1000} s`;
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message}: ${cause}` : e.message;
}

/** Posts one delivery; null when the receiver answered 2xx, else why not. Redirects are never followed. */
async function post(
  doFetch: typeof fetch,
  delivery: ClaimedWebhookRow,
  secret: string,
  timeoutMs: number,
): Promise<string | null> {
  try {
    const response = await doFetch(delivery.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": `Heed/${heedVersion}`,
        "x-heed-event": delivery.event_type,
        "x-heed-delivery": delivery.id,
        "x-heed-signature": webhookSignature(secret, Math.floor(Date.now() / 1000), delivery.body),
      },
      body: delivery.body,
      // A redirect could lead anywhere; only the address an admin saved is posted to.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const snippet = await answerSnippet(response);
    if (response.status >= 200 && response.status < 300) return null;
    if (response.status >= 300 && response.status < 400) {
      return `HTTP ${response.status}: redirects are not followed (to ${response.headers.get("location") ?? "?"})`;
    }
    return `HTTP ${response.status}${snippet ? `: ${snippet}` : ""}`;
  } catch (error) {
    return describeFailure(error, timeoutMs);
  }
}

/**
 * Deliveries whose process died mid-post (their lease ran out): they may have arrived, so they are
 * posted again with the same delivery id (receivers drop an id they have seen) and the reason is kept in
 * `last_error`; one cut off on its last attempt is given up.
 */
async function settleAbandoned(db: Database, now: Date | null): Promise<void> {
  await db.transaction(async (tx) => {
    for (const delivery of await lockAbandonedWebhooks(tx, now, 100)) {
      const isLast = delivery.attempts >= WEBHOOK_MAX_ATTEMPTS;
      await settleAbandonedWebhook(tx, delivery.id, {
        status: isLast ? "failed" : "queued",
        error: INTERRUPTED_DELIVERY,
        nextAttemptAt: now,
      });
    }
  });
}

/**
 * Posts due webhook deliveries: claims up to WEBHOOK_BATCH under a lease and commits (SKIP LOCKED, so
 * processes share the work and none is taken twice), posts them in parallel with a timeout, then records
 * each outcome: `sent` on 2xx; otherwise queued again after 1 min, 5 min, 30 min, 2 h, 6 h, and `failed`
 * with the last error after the sixth attempt. A delivery whose address an admin has since changed or
 * removed is not posted. Returns how many were attempted.
 */
export async function deliverWebhooks(db: Database, options: DeliverWebhooksOptions): Promise<number> {
  const now = options.now ?? new Date();
  const dbNow = options.now ?? null;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  await settleAbandoned(db, dbNow);
  const claimed = await db.transaction((tx) =>
    claimDueWebhooks(tx, dbNow, WEBHOOK_BATCH, WEBHOOK_LEASE_SECONDS),
  );
  const outcomes = await Promise.all(
    claimed.map(async (delivery) => {
      if (delivery.current_url !== delivery.url || !delivery.secret_sealed) {
        return { delivery, error: ADDRESS_CHANGED, isFinal: true };
      }
      let secret: string;
      try {
        secret = options.keys.open(delivery.secret_sealed);
      } catch {
        return { delivery, error: SECRET_UNREADABLE, isFinal: true };
      }
      const error = await post(doFetch, delivery, secret, timeoutMs);
      return { delivery, error, isFinal: delivery.attempts >= WEBHOOK_MAX_ATTEMPTS };
    }),
  );
  if (outcomes.length === 0) return 0;
  await db.transaction(async (tx) => {
    for (const { delivery, error, isFinal } of outcomes) {
      await finishWebhookAttempt(
        tx,
        delivery.id,
        error === null
          ? { status: "sent" }
          : isFinal
            ? { status: "failed", error }
            : {
                status: "queued",
                error,
                nextAttemptAt: new Date(now.getTime() + WEBHOOK_RETRY_DELAYS_MS[delivery.attempts - 1]!),
              },
      );
    }
  });
  return claimed.length;
}

/** When the next delivery is due or the next lease runs out (null: nothing waits); the worker sleeps until then. */
export async function findNextWebhookAttempt(db: Database): Promise<Date | null> {
  return findNextWebhookDue(db);
}

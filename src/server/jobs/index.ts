import type { AppContext } from "../context.js";
import { deliverWebhooks, findNextWebhookAttempt, WEBHOOK_BATCH } from "../commands/deliver-webhooks.js";
import { emailUnseenChatReplies } from "../commands/email-unseen-chat-replies.js";
import { fireDueFollowUps, findNextFollowUpDue } from "../commands/fire-due-follow-ups.js";
import { fireSlaTimers, nextSlaTimer } from "../commands/fire-sla-timers.js";
import { ingestReceivedEmails } from "../commands/ingest-emails.js";
import { findNextAwayReassignment, reassignFromAwayAgents } from "../commands/reassign-from-away-agents.js";
import { nextSnoozeWake, wakeSnoozedConversations } from "../commands/wake-snoozed-conversations.js";
import { sendQueuedEmails, settleAbandoned } from "../commands/send-queued-emails.js";
import { FreshMail, type StoredEmail } from "../email/fresh-mail.js";
import { InboxSenders } from "../email/inbox-senders.js";
import { smtpSender, type MailSender } from "../email/mail-transport.js";
import { installKeys } from "../lib/install-secret.js";
import { findNextOutgoingAttempt } from "../models/outgoing-emails.js";

export interface Jobs {
  /** Re-checks at once, e.g. after a conversation was snoozed until a time sooner than planned. */
  poke(): void;
  /**
   * Mail was received: only ingest runs now (the outbox follows if ingest queued anything). The bytes
   * of mail this process stored are handed over with it, so ingest need not read them back.
   */
  pokeInbound(stored?: StoredEmail[]): void;
  stop(): Promise<void>;
}

type Log = (level: "info" | "warn" | "error", message: string) => void;

const MAX_SLEEP_MS = 15_000;

/**
 * The worker role's loops. Received mail becomes conversations (at once when the receiver pokes the
 * loop, else within 15 s), queued mail is sent through HEED_SMTP_URL (at once after a reply in this
 * process, retries at their time), chat replies a visitor never saw go by email, and timers (snooze
 * wake-ups, SLA warnings and breaches) fire at their time: each loop sleeps until its next due thing (at
 * most 15 s, so work queued by other processes is noticed), and because the state lives in the database,
 * whatever fell due while Heed was down runs at the first pass after start.
 */

/** A pass of a loop: does what is due and says when it should run again (ms from now). */
type Pass = () => Promise<number>;

/**
 * Runs `pass` again and again, never twice at once, sleeping in between as it asks (at most 15 s);
 * a failing pass is logged and retried after 5 s. A poke while a pass runs is remembered: the next pass
 * starts right after, so work that arrived meanwhile never waits out a sleep.
 */
function loop(name: string, pass: Pass, log: Log) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let pokedWhileRunning = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), Math.max(0, Math.min(ms, MAX_SLEEP_MS)));
  };
  const tick = async () => {
    if (stopped) return;
    if (running) {
      pokedWhileRunning = true;
      return;
    }
    pokedWhileRunning = false;
    running = pass().then(
      (ms) => schedule(pokedWhileRunning ? 0 : ms),
      (error: unknown) => {
        log("warn", `${name}: ${(error as Error).message}; retrying`);
        schedule(5_000);
      },
    );
    await running;
    running = null;
  };
  schedule(0);
  return {
    poke: () => (running ? (pokedWhileRunning = true) : schedule(0)),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

const untilNext = (dates: (Date | null)[]): number => {
  const times = dates.filter((at): at is Date => at !== null).map((at) => at.getTime());
  return times.length > 0 ? Math.min(...times) - Date.now() : MAX_SLEEP_MS;
};

export function startJobs(ctx: AppContext, log: Log, options: { sender?: MailSender | null } = {}): Jobs {
  const sender =
    options.sender !== undefined
      ? options.sender
      : ctx.env.HEED_SMTP_URL
        ? smtpSender(ctx.env.HEED_SMTP_URL)
        : null;

  const fresh = new FreshMail();
  const work = loop(
    "Background jobs",
    async () => {
      // Stored mail becomes conversations first: customers are waiting on it.
      const keys = await installKeys(ctx.db, ctx.env.HEED_SECRET);
      let isDrained = false;
      for (let batches = 0; batches < 50 && !isDrained; batches++) {
        // New conversations may have queued acknowledgements: the outbox runs then.
        const handled = await ingestReceivedEmails(ctx.db, {
          keys,
          fresh,
          onMailQueued: () => outbox.poke(),
        });
        isDrained = handled === 0;
      }
      // Chat replies the visitor never saw (they left) go by email; the outbox sends them.
      if ((await emailUnseenChatReplies(ctx.db, { mailFrom: ctx.env.mailFrom })) > 0) outbox.poke();
      // More mail waiting than one pass takes: go on at once.
      return isDrained ? MAX_SLEEP_MS : 0;
    },
    log,
  );

  // Timers have a loop of their own, so a backlog of mail never delays an SLA warning: each kind is
  // a due time on its own rows, taken with SKIP LOCKED and done in the transaction that records it.
  const timers = loop(
    "Timers",
    async () => {
      const woken = await wakeSnoozedConversations(ctx.db);
      if (woken > 0) log("info", `Woke ${woken} snoozed conversation(s)`);
      const fired = await fireSlaTimers(ctx.db, new Date(), {
        publicUrl: ctx.env.publicUrl,
        mailFrom: ctx.env.mailFrom,
      });
      // Warnings and breaches may have queued alert mail and webhooks.
      if (fired > 0) {
        outbox.poke();
        webhooks.poke();
      }
      const followedUp = await fireDueFollowUps(ctx.db);
      if (followedUp > 0) log("info", `${followedUp} follow-up(s) came due`);
      const moved = await reassignFromAwayAgents(ctx.db);
      if (moved > 0) log("info", `Reassigned ${moved} conversation(s) of agents away too long`);
      if (woken >= 100 || fired >= 100 || followedUp >= 100 || moved > 0) return 0;
      const next = untilNext([
        await nextSnoozeWake(ctx.db),
        await nextSlaTimer(ctx.db),
        await findNextFollowUpDue(ctx.db),
        await findNextAwayReassignment(ctx.db),
      ]);
      // Something due that this pass could not take (a row another process or a command holds): look
      // again in a second rather than spinning.
      return Math.max(1_000, next);
    },
    log,
  );

  // The outbox has a loop of its own: a slow or unreachable mail server must not hold up received mail.
  const inboxSenders = new InboxSenders();
  // The embedded database belongs to this one process: whatever it left 'sending' was cut off by a
  // crash, so it is settled at once (PostgreSQL, shared by processes, waits for the lease to run out).
  let isFirstPass = ctx.db.mode === "embedded";
  const outbox = loop(
    "Outbox",
    async () => {
      if (isFirstPass) {
        await settleAbandoned(ctx.db, { all: true });
        isFirstPass = false;
      }
      const keys = await installKeys(ctx.db, ctx.env.HEED_SECRET);
      await inboxSenders.refresh(ctx.db, keys);
      for (let batches = 0; batches < 50; batches++) {
        if ((await sendQueuedEmails(ctx.db, { keys, sender, inboxSenders })) < 20) break;
      }
      const canSend = sender !== null || inboxSenders.inboxIds().length > 0;
      return untilNext([canSend ? await findNextOutgoingAttempt(ctx.db) : null]);
    },
    log,
  );

  // Webhooks have a loop of their own: a slow or unreachable receiver holds up neither mail nor timers.
  const webhooks = loop(
    "Webhooks",
    async () => {
      const keys = await installKeys(ctx.db, ctx.env.HEED_SECRET);
      for (let batches = 0; batches < 50; batches++) {
        if ((await deliverWebhooks(ctx.db, { keys })) < WEBHOOK_BATCH) break;
      }
      // Due but held by another process: look again in a second rather than spinning.
      return Math.max(1_000, untilNext([await findNextWebhookAttempt(ctx.db)]));
    },
    log,
  );

  return {
    poke() {
      work.poke();
      outbox.poke();
      timers.poke();
      webhooks.poke();
    },
    pokeInbound(stored) {
      if (stored) fresh.remember(stored);
      work.poke();
    },
    async stop() {
      await Promise.all([work.stop(), outbox.stop(), timers.stop(), webhooks.stop()]);
      sender?.close();
      inboxSenders.close();
    },
  };
}

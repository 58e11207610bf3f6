import type { AppContext } from "../context.js";
import { ingestReceivedEmails } from "../commands/ingest-emails.js";
import { nextSnoozeWake, wakeSnoozedConversations } from "../commands/wake-snoozed-conversations.js";

export interface Jobs {
  /** Re-checks at once, e.g. after a conversation was snoozed until a time sooner than planned. */
  poke(): void;
  stop(): Promise<void>;
}

type Log = (level: "info" | "warn" | "error", message: string) => void;

const MAX_SLEEP_MS = 15_000;

/**
 * The worker role's loop. Received mail becomes conversations (at once when the receiver pokes the loop,
 * else within 15 s), and snoozed conversations wake at their time: the loop sleeps until the next
 * wake-up (at most 15 s, so snoozes set by other processes are noticed), and because the state lives in
 * the database, conversations whose time passed while Heed was down wake at the first pass after start.
 */
export function startJobs(ctx: AppContext, log: Log): Jobs {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), Math.max(0, Math.min(ms, MAX_SLEEP_MS)));
  };

  const tick = async () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        // Stored mail becomes conversations first: customers are waiting on it.
        for (let batches = 0; batches < 50; batches++) {
          if ((await ingestReceivedEmails(ctx.db)) === 0) break;
        }
        const woken = await wakeSnoozedConversations(ctx.db);
        if (woken > 0) log("info", `Woke ${woken} snoozed conversation(s)`);
        const next = await nextSnoozeWake(ctx.db);
        schedule(next ? next.getTime() - Date.now() : MAX_SLEEP_MS);
      } catch (error) {
        log("warn", `Background jobs: ${(error as Error).message}; retrying`);
        schedule(5_000);
      }
    })();
    await running;
    running = null;
  };

  schedule(0);
  return {
    poke: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

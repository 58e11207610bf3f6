/**
 * Receiving by IMAP: the worker role runs one fetcher per enabled IMAP inbox whose lease it holds.
 * A supervisor re-reads the list every few seconds (settings saved by any process are picked up without
 * a restart: a changed inbox reconnects, a disabled or deleted one stops) and takes the lease of any
 * mailbox nobody fetches. A fetcher connects, opens the mailbox, checks UIDVALIDITY, fetches what is new
 * (imap-pass.ts), then waits for the server's IDLE news (or polls when the server has no IDLE) and
 * fetches again; after a failure it records the error on the inbox and reconnects with backoff.
 */
import os from "node:os";
import { randomUUID } from "node:crypto";
import { ImapFlow, type ImapFlowOptions } from "imapflow";
import type { AppContext } from "../context.js";
import { installKeys, type InstallKeys } from "../lib/install-secret.js";
import { recordEvent } from "../models/events.js";
import {
  acquireImapLease,
  findImapFetchSettings,
  findImapFetchTargets,
  findImapLeaseOwners,
  finishImapPass,
  recordImapFailure,
  releaseImapLease,
  releaseImapLeasesOf,
  renewImapLease,
  startImapPass,
  syncImapUidValidity,
  type ImapFetchSettings,
} from "../models/imap-fetch-state.js";
import { heedVersion } from "../version.js";
import { describeImapError, ImapFetchError } from "./imap-errors.js";
import { fetchNewMessages, ImapLeaseLostError } from "./imap-pass.js";
import { MAX_EMAIL_BYTES } from "./smtp-receiver.js";

type Log = (level: "info" | "warn" | "error", message: string) => void;

export interface ImapFetcherOptions {
  log: Log;
  /** Called after a message was stored, e.g. to have the jobs loop turn it into a conversation now. */
  onStored?: () => void;
  /** This process's name on leases (default: host, pid and a random part). */
  owner?: string;
  /** How often the list of IMAP inboxes is re-read (default 5 s). */
  refreshMs?: number;
  /** How long a lease lasts unless renewed; it is renewed every third of it (default 60 s). */
  leaseMs?: number;
  /** A pass that makes no progress for this long counts as stuck; twice as long, it is cut (default 5 min). */
  stuckMs?: number;
  /** Without IDLE: how often the mailbox is checked (default 60 s). */
  pollMs?: number;
  /** With IDLE: how often the mailbox is checked anyway (default 5 min). */
  idleRecheckMs?: number;
  /** Messages sized and fetched per batch (default 50). */
  batchSize?: number;
  /** Larger messages are left in the mailbox (default 25 MB, as for SMTP). */
  maxBytes?: number;
  /** Reconnect delays after failures: doubling from `initialMs` up to `maxMs` (default 1 s to 5 min). */
  backoff?: { initialMs: number; maxMs: number };
  /** Connecting and the greeting must take no longer (default 30 s). */
  connectionTimeoutMs?: number;
}

export interface ImapFetchers {
  /** Re-reads the list of IMAP inboxes now (the supervisor also does every `refreshMs`). */
  refresh(): Promise<void>;
  /** Stops every fetcher, closes their connections and gives their leases up. */
  stop(): Promise<void>;
}

/**
 * The connection options of a mailbox: TLS from the start, required STARTTLS, or none (never a silent
 * downgrade); a password (LOGIN/PLAIN) or an OAuth2 access token (XOAUTH2, or OAUTHBEARER when the
 * server offers it).
 */
export function imapClientOptions(
  s: Pick<ImapFetchSettings, "host" | "port" | "security" | "username" | "auth_method">,
  secret: string,
  limits: { maxBytes: number; connectionTimeoutMs: number },
): ImapFlowOptions {
  return {
    host: s.host,
    port: s.port,
    secure: s.security === "tls",
    doSTARTTLS: s.security === "starttls",
    auth:
      s.auth_method === "xoauth2"
        ? { user: s.username, accessToken: secret }
        : { user: s.username, pass: secret },
    clientInfo: { name: "Heed", version: heedVersion },
    logger: false,
    // IDLE starts by itself 2 s after the last command and is broken by the next one.
    autoIdleDelay: 2_000,
    connectionTimeout: limits.connectionTimeoutMs,
    greetingTimeout: limits.connectionTimeoutMs,
    // A server announcing a literal larger than Heed takes is cut off, not buffered.
    maxLiteralSize: limits.maxBytes + 1024 * 1024,
    maxResponseSize: limits.maxBytes + 2 * 1024 * 1024,
  };
}

/** Starts the supervisor of this process's IMAP fetchers (the worker role). */
export function startImapFetchers(ctx: AppContext, options: ImapFetcherOptions): ImapFetchers {
  const o = {
    owner: options.owner ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    refreshMs: options.refreshMs ?? 5_000,
    leaseMs: options.leaseMs ?? 60_000,
    stuckMs: options.stuckMs ?? 5 * 60_000,
    pollMs: options.pollMs ?? 60_000,
    idleRecheckMs: options.idleRecheckMs ?? 5 * 60_000,
    batchSize: options.batchSize ?? 50,
    maxBytes: options.maxBytes ?? MAX_EMAIL_BYTES,
    backoff: options.backoff ?? { initialMs: 1_000, maxMs: 5 * 60_000 },
    connectionTimeoutMs: options.connectionTimeoutMs ?? 30_000,
    log: options.log,
    onStored: options.onStored ?? (() => {}),
  };
  const running = new Map<string, Fetcher>();
  const stopping = new Map<string, Promise<void>>();
  let refreshing: Promise<void> | null = null;
  let stopped = false;

  const retire = (inboxId: string, fetcher: Fetcher) => {
    running.delete(inboxId);
    const done = fetcher.stop().finally(() => stopping.delete(inboxId));
    stopping.set(inboxId, done);
  };

  const refreshOnce = async () => {
    const targets = await findImapFetchTargets(ctx.db, o.owner);
    const versions = new Map(targets.map((t) => [t.inbox_id, t.settings_updated_at.getTime()]));
    for (const [inboxId, fetcher] of running) {
      if (versions.get(inboxId) !== fetcher.version || fetcher.isDone()) retire(inboxId, fetcher);
    }
    for (const target of targets) {
      if (stopped || !target.is_free || running.has(target.inbox_id) || stopping.has(target.inbox_id))
        continue;
      if (!(await acquireImapLease(ctx.db, target.inbox_id, o.owner, o.leaseMs))) continue;
      const keys = await installKeys(ctx.db, ctx.env.HEED_SECRET);
      running.set(
        target.inbox_id,
        startFetcher(ctx, keys, target.inbox_id, versions.get(target.inbox_id)!, o),
      );
    }
  };

  const refresh = async () => {
    if (stopped) return;
    // One refresh at a time; a caller arriving meanwhile waits for it and then runs its own.
    while (refreshing) await refreshing;
    refreshing = refreshOnce()
      .catch((error: unknown) =>
        o.log("warn", `IMAP: could not read the IMAP inboxes: ${(error as Error).message}`),
      )
      .finally(() => (refreshing = null));
    await refreshing;
  };

  const timer = setInterval(() => void refresh(), o.refreshMs);
  void releaseStaleLeases(ctx, o.owner)
    .catch((error: unknown) => o.log("warn", `IMAP: could not check old leases: ${(error as Error).message}`))
    .then(refresh);
  return {
    refresh,
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (refreshing) await refreshing;
      for (const [inboxId, fetcher] of running) retire(inboxId, fetcher);
      await Promise.all(stopping.values());
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Frees at once the leases of a process of this host that is gone (kill -9, a crash): without this a
 * restarted Heed would wait for them to expire. With the embedded database no other process can be
 * running, so every other process's lease is stale. Leases of other hosts always wait for expiry.
 */
async function releaseStaleLeases(ctx: AppContext, me: string): Promise<void> {
  for (const owner of await findImapLeaseOwners(ctx.db)) {
    const match = /^(.+):(\d+):[^:]+$/.exec(owner);
    if (!match || owner === me || match[1] !== os.hostname()) continue;
    const pid = Number(match[2]);
    if (pid === process.pid) continue;
    if (ctx.db.mode === "embedded" || !isAlive(pid)) await releaseImapLeasesOf(ctx.db, owner);
  }
}

type Resolved = Required<Omit<ImapFetcherOptions, "onStored">> & { onStored: () => void };

interface Fetcher {
  /** The settings version it runs with. */
  version: number;
  isDone(): boolean;
  stop(): Promise<void>;
}

/** One mailbox's fetcher: sessions in a loop, with backoff between failed ones, while it holds the lease. */
function startFetcher(
  ctx: AppContext,
  keys: InstallKeys,
  inboxId: string,
  version: number,
  o: Resolved,
): Fetcher {
  const { db } = ctx;
  let stopped = false;
  let done = false;
  let client: ImapFlow | null = null;
  let wake: () => void = () => {};
  let passStartedAt: number | null = null;
  let lastProgressAt = 0;
  let cutForStall = false;
  let label = `IMAP inbox ${inboxId}`;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const halt = () => {
    stopped = true;
    wake();
    client?.close();
  };

  // The heartbeat renews the lease; it also cuts a connection on which a pass stopped making progress.
  const heartbeat = setInterval(
    () => {
      if (passStartedAt !== null && Date.now() - lastProgressAt > 2 * o.stuckMs && client && !cutForStall) {
        cutForStall = true;
        client.close();
      }
      renewImapLease(db, inboxId, o.owner, o.leaseMs).then(
        (ok) => {
          if (ok || stopped) return;
          o.log(
            "warn",
            `${label}: the mailbox's lease is no longer ours (taken over, or IMAP removed); stopping`,
          );
          halt();
        },
        (error: unknown) => o.log("warn", `${label}: could not renew the lease: ${(error as Error).message}`),
      );
    },
    Math.max(100, Math.floor(o.leaseMs / 3)),
  );

  const session = async (onSuccess: () => void) => {
    const s = await findImapFetchSettings(db, inboxId, o.owner);
    if (!s) {
      halt(); // disabled, deleted or no longer ours
      return;
    }
    let secret: string;
    try {
      secret = keys.open(s.secret_sealed);
    } catch {
      throw new ImapFetchError(
        "secret_unreadable",
        "The stored password or token cannot be read with this install's secret (was HEED_SECRET changed?): enter it again",
      );
    }
    label = `IMAP ${s.address} (${s.username}@${s.host})`;
    const imap = new ImapFlow(imapClientOptions(s, secret, o));
    client = imap;
    cutForStall = false;
    let isNews = false;
    let isClosed = false;
    imap.on("error", () => {}); // surfaced through the failing command, or as 'close'
    imap.on("exists", () => {
      isNews = true;
      wake();
    });
    imap.on("close", () => {
      isClosed = true;
      wake();
    });
    try {
      await imap.connect();
      if (s.after_fetch === "move" && s.move_to) await ensureFolder(imap, s.move_to);
      const hasIdle = imap.capabilities.has("IDLE");
      let uidValidity: number | null = null;
      let last = 0;
      while (!stopped) {
        isNews = false;
        // Selected again for every pass: a mailbox deleted and recreated meanwhile (new UIDVALIDITY)
        // sends no news to a session still watching the old one.
        const current = await openMailbox(imap, s.mailbox);
        if (current !== uidValidity) {
          const synced = await syncImapUidValidity(db, inboxId, o.owner, current);
          if (!synced) throw new ImapLeaseLostError("the lease was lost");
          if (synced.previous !== null && synced.previous !== current) {
            o.log(
              "warn",
              `${label}: UIDVALIDITY of "${s.mailbox}" changed (${synced.previous} → ${current}): fetching it ` +
                "again from the start; messages already stored are recognized by their bytes and kept once",
            );
            await recordEvent(db, {
              workspaceId: s.workspace_id,
              type: "inbox.imap_uidvalidity_changed",
              payload: { inboxId, previous: synced.previous, uidValidity: current },
            });
          }
          uidValidity = current;
          last = synced.lastUid;
        }
        if (!(await startImapPass(db, inboxId, o.owner, o.stuckMs)))
          throw new ImapLeaseLostError("the lease was lost");
        passStartedAt = lastProgressAt = Date.now();
        const result = await fetchNewMessages(
          {
            db,
            client: imap,
            inbox: { id: inboxId, workspace_id: s.workspace_id, address: s.address },
            owner: o.owner,
            uidValidity,
            afterFetch: s.after_fetch,
            moveTo: s.move_to,
            batchSize: o.batchSize,
            maxBytes: o.maxBytes,
            stuckMs: o.stuckMs,
            log: o.log,
            onStored: o.onStored,
            onCommitted: () => (lastProgressAt = Date.now()),
            isStopped: () => stopped,
          },
          last,
        );
        last = result.lastUid;
        passStartedAt = null;
        if (result.downloaded + result.skipped > 0) {
          o.log(
            "info",
            `${label}: fetched ${result.downloaded} message(s)` +
              (result.skipped ? `, skipped ${result.skipped} too large` : "") +
              `, up to UID ${last}`,
          );
        }
        if (stopped) break;
        await finishImapPass(db, inboxId, o.owner);
        onSuccess();
        if (!isNews && !isClosed) await sleep(hasIdle ? o.idleRecheckMs : o.pollMs);
        if (isClosed && !stopped)
          throw new ImapFetchError("connection_lost", "The server closed the connection");
      }
    } catch (error) {
      if (cutForStall && !(error instanceof ImapLeaseLostError)) {
        throw new ImapFetchError(
          "stalled",
          `No progress for ${Math.round((2 * o.stuckMs) / 1000)} s: the connection was cut and is opened again`,
        );
      }
      throw error;
    } finally {
      passStartedAt = null;
      client = null;
      imap.close();
    }
  };

  const loop = (async () => {
    let backoff = o.backoff.initialMs;
    while (!stopped) {
      try {
        await session(() => (backoff = o.backoff.initialMs));
      } catch (error) {
        if (stopped) break;
        if (error instanceof ImapLeaseLostError) {
          o.log("warn", `${label}: ${error.message}; stopping this fetcher`);
          break;
        }
        const { code, message } = describeImapError(error);
        const wait = backoff < 1_000 ? `${backoff} ms` : `${Math.round(backoff / 1000)} s`;
        o.log("warn", `${label}: ${code}: ${message}; trying again in ${wait}`);
        await recordImapFailure(db, inboxId, o.owner, code, message).catch(() => {});
        await sleep(backoff);
        backoff = Math.min(backoff * 2, o.backoff.maxMs);
      }
    }
  })().finally(() => {
    done = true;
    clearInterval(heartbeat);
  });

  return {
    version,
    isDone: () => done,
    async stop() {
      halt();
      await loop;
      await releaseImapLease(db, inboxId, o.owner).catch(() => {});
    },
  };
}

/** Selects the mailbox; returns its UIDVALIDITY. */
async function openMailbox(client: ImapFlow, path: string): Promise<number> {
  try {
    return Number((await client.mailboxOpen(path)).uidValidity);
  } catch (error) {
    const { message } = describeImapError(error);
    throw new ImapFetchError("mailbox_missing", `Cannot open the mailbox "${path}": ${message}`);
  }
}

/** Creates the folder processed mail is moved to, when it is missing (an existing one is fine). */
async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  const list = await client.list();
  if (list.some((box) => box.path === path)) return;
  try {
    await client.mailboxCreate(path);
  } catch (error) {
    const { message } = describeImapError(error);
    throw new ImapFetchError(
      "action_failed",
      `Cannot create the folder "${path}" to move fetched mail to: ${message}`,
    );
  }
}

/**
 * One fetch pass over an open mailbox: every message above the last committed UID, in UID order and in
 * batches, is sized first (over the limit: left in the mailbox with a note, never downloaded), then
 * downloaded, stored with receiveEmail, and its UID committed; only then is the mark/move action applied.
 * A crash or a dropped connection anywhere leaves the committed UID at a message that is stored, so the
 * next pass resumes after it, and a message stored but not yet committed is fetched again and stored
 * once (identical bytes are deduplicated per inbox).
 */
import type { FetchMessageObject, ImapFlow } from "imapflow";
import { receiveEmail } from "../commands/receive-email.js";
import type { Database } from "../db/types.js";
import { recordEvent } from "../models/events.js";
import { commitImapUid, recordImapSkipped } from "../models/imap-fetch-state.js";
import type { EmailInboxRow } from "../models/inbound-emails.js";
import type { ImapAfterFetch } from "../models/inbox-imap.js";
import { ImapFetchError } from "./imap-errors.js";

type Log = (level: "info" | "warn" | "error", message: string) => void;

/** Downloads of one FETCH command stay under this many bytes (by RFC822.SIZE), to bound memory. */
const GROUP_BYTES = 8 * 1024 * 1024;

export interface ImapPass {
  db: Database;
  client: ImapFlow;
  inbox: EmailInboxRow;
  /** The lease owner: commits by anyone else's fetcher are refused. */
  owner: string;
  uidValidity: number;
  afterFetch: ImapAfterFetch;
  moveTo: string | null;
  batchSize: number;
  maxBytes: number;
  stuckMs: number;
  log: Log;
  /** Called after each stored message (to poke the jobs loop). */
  onStored: () => void;
  /** Called after each commit: progress, for the fetcher's watchdog. */
  onCommitted: () => void;
  isStopped: () => boolean;
}

/** The lease or the mailbox generation changed under the fetcher: it must stop, not retry. */
export class ImapLeaseLostError extends Error {}

export interface PassResult {
  /** The last committed UID. */
  lastUid: number;
  /** Messages downloaded (stored, or found already stored). */
  downloaded: number;
  /** Messages left in the mailbox for their size. */
  skipped: number;
}

/** Fetches everything above `lastUid`, until the mailbox has nothing newer. */
export async function fetchNewMessages(pass: ImapPass, lastUid: number): Promise<PassResult> {
  const result: PassResult = { lastUid, downloaded: 0, skipped: 0 };
  for (;;) {
    // `n:*` also matches the newest message when every UID is below n, hence the filter.
    const last = result.lastUid;
    const found = await pass.client.search({ uid: `${last + 1}:*` }, { uid: true });
    // imapflow answers false (or nothing) instead of throwing when the server refuses the search.
    if (!Array.isArray(found))
      throw new ImapFetchError("error", "The server refused to list the new messages");
    const uids = found.filter((uid) => uid > last).sort((a, b) => a - b);
    if (uids.length === 0 || pass.isStopped()) return result;
    for (let i = 0; i < uids.length && !pass.isStopped(); i += pass.batchSize) {
      await fetchBatch(pass, uids.slice(i, i + pass.batchSize), result);
    }
  }
}

/**
 * imapflow's fetch returns quietly, as if the messages were gone, when the connection or the selected
 * mailbox was lost: before a missing message is taken as expunged (and its UID committed), the session
 * must still be there.
 */
function assertSelected(pass: ImapPass): void {
  if (!pass.client.usable || !pass.client.mailbox) {
    throw new ImapFetchError(
      "connection_lost",
      "The connection or the selected mailbox was lost while fetching",
    );
  }
}

async function commit(pass: ImapPass, uid: number): Promise<void> {
  const ok = await commitImapUid(pass.db, pass.inbox.id, pass.owner, pass.uidValidity, uid, pass.stuckMs);
  if (!ok) throw new ImapLeaseLostError("the mailbox's lease or settings changed while fetching");
  pass.onCommitted();
}

/** One batch of UIDs (ascending): sizes, downloads in groups, commits, then the action. */
async function fetchBatch(pass: ImapPass, batch: number[], result: PassResult): Promise<void> {
  const metas = await pass.client.fetchAll(batch, { uid: true, size: true, envelope: true }, { uid: true });
  assertSelected(pass);
  const sizes = new Map(metas.map((m) => [m.uid, m]));
  const taken: number[] = [];
  let group: number[] = [];
  let groupBytes = 0;
  const flush = async () => {
    if (group.length > 0) taken.push(...(await downloadGroup(pass, group)));
    group = [];
    groupBytes = 0;
  };
  for (const uid of batch) {
    const meta = sizes.get(uid);
    // Gone since the search (expunged by another client): nothing to store, nothing lost.
    if (!meta) continue;
    const size = meta.size ?? 0;
    if (size > pass.maxBytes) {
      await flush();
      await skipOversized(pass, meta, size);
      await commit(pass, uid);
      result.skipped++;
      continue;
    }
    if (group.length > 0 && groupBytes + size > GROUP_BYTES) await flush();
    group.push(uid);
    groupBytes += size;
  }
  await flush();
  const newest = batch[batch.length - 1]!;
  await commit(pass, newest);
  result.lastUid = newest;
  result.downloaded += taken.length;
  if (taken.length > 0) await applyAction(pass, taken);
}

/**
 * Downloads and stores a group of messages. Each UID is committed once it and every UID before it in
 * the group are stored, so an interruption never commits past a message that is not in the database.
 */
async function downloadGroup(pass: ImapPass, uids: number[]): Promise<number[]> {
  const stored = new Set<number>();
  let next = 0;
  for await (const message of pass.client.fetch(uids, { uid: true, source: true }, { uid: true })) {
    if (!message.source) continue;
    await storeMessage(pass, message);
    stored.add(message.uid);
    const before = next;
    while (next < uids.length && stored.has(uids[next]!)) next++;
    if (next > before) await commit(pass, uids[next - 1]!);
    pass.onStored();
  }
  assertSelected(pass);
  return [...stored];
}

async function storeMessage(pass: ImapPass, message: FetchMessageObject): Promise<void> {
  await receiveEmail(pass.db, [pass.inbox], {
    source: "imap",
    envelopeFrom: null,
    envelopeTo: [pass.inbox.address],
    raw: message.source!,
  });
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Leaves a message over the size limit in the mailbox: a warning in the log, a note on the inbox, an event. */
async function skipOversized(pass: ImapPass, meta: FetchMessageObject, size: number): Promise<void> {
  const from = meta.envelope?.from?.[0]?.address ?? "unknown sender";
  const subject = (meta.envelope?.subject ?? "").slice(0, 200);
  const note =
    `UID ${meta.uid} (${megabytes(size)}) from ${from}, subject "${subject}": larger than ` +
    `${megabytes(pass.maxBytes)}, left in the mailbox and not fetched`;
  pass.log("warn", `IMAP ${pass.inbox.address}: skipped ${note}`);
  await pass.db.transaction(async (tx) => {
    await recordImapSkipped(tx, pass.inbox.id, note);
    await recordEvent(tx, {
      workspaceId: pass.inbox.workspace_id,
      type: "email.skipped",
      payload: { inboxId: pass.inbox.id, source: "imap", uid: meta.uid, size, reason: "too_large" },
    });
  });
}

/** Marks or moves what was stored (after the commit: a failure here never refetches anything). */
async function applyAction(pass: ImapPass, uids: number[]): Promise<void> {
  if (pass.afterFetch === "leave") return;
  const done =
    pass.afterFetch === "seen"
      ? await pass.client.messageFlagsAdd(uids, ["\\Seen"], { uid: true })
      : await pass.client.messageMove(uids, pass.moveTo!, { uid: true });
  if (!done) {
    const what = pass.afterFetch === "seen" ? "mark messages as seen" : `move messages to "${pass.moveTo}"`;
    throw new ImapFetchError("action_failed", `Could not ${what} (UIDs ${uids[0]}-${uids.at(-1)})`);
  }
}

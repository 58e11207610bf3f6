import type { WebSocket } from "ws";
import { z } from "zod";
import type { Actor, AppContext } from "../context.js";
import { findInboxScope } from "../commands/find-inbox-scope.js";
import { getConversation } from "../commands/get-conversation.js";
import { getFolders } from "../commands/get-folders.js";
import { findVisibleEvents, type TailEventRow } from "../models/event-feed.js";
import { mayReceiveEvent, viewerScope, type EventViewer } from "../policies/event-policy.js";
import type { InboxScope } from "../policies/inbox-policy.js";
import { presentEvent } from "../presenters/event-presenter.js";
import type { RealtimeHub } from "./hub.js";
import type { PresenceChange } from "./presence.js";

/** What the agent app may send. */
export const ZAgentSocketMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("view"), conversationId: z.uuid().nullable() }),
  z.object({ type: z.literal("typing"), conversationId: z.uuid() }),
  z.object({ type: z.literal("ping") }),
]);

/** A reconnecting client catches up this many events at most; further behind, it reloads instead. */
const CATCH_UP_LIMIT = 1_000;
/**
 * Counts follow changes within a second: each push is a query per agent, so a busy minute (50 messages a
 * second to 100 agents) must not become thousands of them.
 */
const FOLDERS_DELAY_MS = 1_000;
const RECHECK_MS = 60_000;

export interface AgentSocketOptions {
  /** The watermark the client last had; null for a new client (it starts from now). */
  after: number | null;
  /** Whether the session or token behind the socket still holds; false closes it. */
  stillSignedIn(): Promise<boolean>;
  log?: (message: string) => void;
}

let connectionCount = 0;

/**
 * One agent's live connection: the events they may see (after catching up from `after`), sidebar counts
 * after changes, who is online, and who views or types in the conversation they have open. Server
 * messages: `ready`, `events` (with the watermark to resume from), `resync` (too far behind: reload),
 * `folders`, `presence`, `activity`, `pong`, `error`. Closes with 4401 once the session ends.
 */
export async function serveAgentSocket(
  ctx: AppContext,
  hub: RealtimeHub,
  socket: WebSocket,
  actor: Actor,
  options: AgentSocketOptions,
): Promise<void> {
  const connectionId = `${hub.processId}:${++connectionCount}`;
  const send = (message: object) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  let viewer: EventViewer = { workspaceId: actor.workspaceId, userId: actor.userId, inboxIds: null };
  let viewing: string | null = null;
  let catchingUp = true;
  let buffered: { rows: TailEventRow[]; watermark: number }[] = [];
  let sentWatermark = -1;
  const sentIds = new Set<number>();
  let foldersTimer: ReturnType<typeof setTimeout> | null = null;
  let lastPresence = "";
  let closed = false;

  let knownScope: InboxScope | undefined;
  const refreshScope = async () => {
    const scope = await findInboxScope(ctx.db, actor);
    viewer = { ...viewer, inboxIds: viewerScope(scope) };
    knownScope = scope;
    return scope;
  };
  const pushFolders = () => {
    foldersTimer = null;
    getFolders(ctx.db, actor, knownScope)
      .then((folders) => send({ type: "folders", folders }))
      .catch((error) => options.log?.(`realtime: folder counts failed: ${(error as Error).message}`));
  };
  const deliver = (rows: TailEventRow[], watermark: number) => {
    const visible = rows.filter((row) => !sentIds.has(Number(row.id)) && mayReceiveEvent(viewer, row));
    if (visible.length === 0 && watermark === sentWatermark) return;
    for (const row of visible) sentIds.add(Number(row.id));
    // Ids at or below the watermark cannot come again; the rest are remembered to drop repeats.
    for (const id of sentIds) if (id <= watermark) sentIds.delete(id);
    sentWatermark = Math.max(sentWatermark, watermark);
    send({ type: "events", events: visible.map(presentEvent), watermark: sentWatermark });
    if (visible.some((row) => row.conversation_id) && !foldersTimer) {
      foldersTimer = setTimeout(pushFolders, FOLDERS_DELAY_MS);
    }
  };
  const sendPresence = () => {
    const online = hub.presence.online(actor.workspaceId);
    const text = JSON.stringify(online);
    if (text === lastPresence) return;
    lastPresence = text;
    send({ type: "presence", online });
  };
  const sendActivity = (conversationId: string) => {
    send({ type: "activity", conversationId, ...hub.presence.activity(actor.workspaceId, conversationId) });
  };

  let delivering: Promise<void> = Promise.resolve();
  const subscriber = {
    onEvents(rows: TailEventRow[], watermark: number) {
      if (catchingUp) {
        buffered.push({ rows, watermark });
        return;
      }
      // Who may see what changes with inbox, team and membership events: look again first. Batches go
      // out in order, each after the look of one before it: a conversation's events right behind its new
      // inbox's must not be judged by the scope from before that inbox (they would be dropped).
      const rescope = rows.some(
        (row) => row.workspace_id === actor.workspaceId && /^(inbox|team|user)\./.test(row.type),
      );
      delivering = delivering
        .then(async () => {
          if (rescope) await refreshScope().catch(() => {});
          deliver(rows, watermark);
        })
        .catch((error) => options.log?.(`realtime: delivering events failed: ${(error as Error).message}`));
    },
    onPresence(change: PresenceChange) {
      if (change.workspaceId !== actor.workspaceId) return;
      sendPresence();
      if (viewing && change.conversationIds.includes(viewing)) sendActivity(viewing);
    },
  };

  // One message at a time, in order: "typing" right after "view" must find the view already taken.
  let handling = Promise.resolve();
  socket.on("message", (data) => {
    handling = handling
      .then(async () => {
        let message: z.infer<typeof ZAgentSocketMessage>;
        try {
          message = ZAgentSocketMessage.parse(JSON.parse(String(data)));
        } catch {
          return send({ type: "error", code: "invalid_message", message: "Unknown or malformed message" });
        }
        const base = { workspaceId: actor.workspaceId, userId: actor.userId, name: actor.name };
        if (message.type === "ping") return send({ type: "pong" });
        if (message.type === "view") {
          if (message.conversationId) {
            try {
              await getConversation(ctx.db, actor, message.conversationId);
            } catch {
              return send({ type: "error", code: "not_found", message: "Conversation not found" });
            }
          }
          viewing = message.conversationId;
          hub.presence.set(connectionId, { ...base, viewing, typing: null });
          if (viewing) sendActivity(viewing);
          return;
        }
        // Typing counts only in the conversation this screen has open (already checked when opened).
        if (message.conversationId === viewing) hub.presence.typed(connectionId, viewing);
      })
      // A failure (the database away) drops that message only; the queue goes on.
      .catch((error) => options.log?.(`realtime: message failed: ${(error as Error).message}`));
  });

  const recheck = setInterval(() => {
    void options
      .stillSignedIn()
      .then((ok) => {
        if (!ok) socket.close(4401, "Signed out");
      })
      .catch(() => {});
  }, RECHECK_MS);
  recheck.unref();

  socket.on("close", () => {
    closed = true;
    clearInterval(recheck);
    if (foldersTimer) clearTimeout(foldersTimer);
    hub.remove(subscriber);
    hub.presence.remove(connectionId);
  });

  await hub.start();
  hub.add(subscriber);
  if (closed) return hub.remove(subscriber);
  const scope = await refreshScope();
  hub.presence.set(connectionId, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    name: actor.name,
    viewing: null,
    typing: null,
  });

  if (options.after !== null) {
    // Catch up on what happened while away, in pages, while live events wait in `buffered`.
    const missed: TailEventRow[] = [];
    let after = options.after;
    for (;;) {
      const page = await findVisibleEvents(ctx.db, {
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        inboxIds: scope.isAll ? null : scope.ids,
        afterId: after,
        limit: 200,
      });
      missed.push(...(page as TailEventRow[]));
      if (page.length < 200 || missed.length > CATCH_UP_LIMIT) break;
      after = Number(page[page.length - 1]!.id);
    }
    if (missed.length > CATCH_UP_LIMIT) {
      send({ type: "resync", watermark: hub.watermark });
      sentWatermark = hub.watermark;
      buffered = buffered.filter((batch) => batch.watermark > sentWatermark);
    } else {
      // Already decided visible by the query: delivered as they are.
      // Remembered until the live events that waited meanwhile are sent (some may be among them).
      for (const row of missed) sentIds.add(Number(row.id));
      sentWatermark = hub.watermark;
      send({ type: "events", events: missed.map(presentEvent), watermark: sentWatermark });
    }
  } else {
    sentWatermark = hub.watermark;
  }
  send({ type: "ready", watermark: sentWatermark, userId: actor.userId });
  catchingUp = false;
  for (const batch of buffered) deliver(batch.rows, batch.watermark);
  buffered = [];
  sendPresence();
}

import type { WebSocket } from "ws";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { addVisitorMessage } from "../commands/add-visitor-message.js";
import { markChatRead, markChatRepliesDelivered } from "../commands/chat-receipts.js";
import {
  isVouchedFor,
  issueVisitorToken,
  newVisitorSubject,
  readVisitorToken,
  shopCustomerSubject,
} from "../chat/visitor-token.js";
import type { Queryable } from "../db/types.js";
import { HttpError } from "../lib/errors.js";
import { findAttachmentsOfMessages, type AttachmentRow } from "../models/attachments.js";
import type { InstallKeys } from "../lib/install-secret.js";
import { expectedReplySeconds } from "../commands/expected-reply-time.js";
import { isOpen, nextOpening, type BusinessCalendar } from "../lib/business-hours.js";
import { findInboxCalendar, toBusinessCalendar } from "../models/calendars.js";
import type { TailEventRow } from "../models/event-feed.js";
import type { InboxChatRow } from "../models/inbox-chat.js";
import type { InboxRow } from "../models/inboxes.js";
import type { ConversationRow } from "../models/conversations.js";
import {
  findVisitorConversation,
  findVisitorMessage,
  findVisitorMessages,
  type VisitorMessageRow,
} from "../models/visitor-conversations.js";
import type { RealtimeHub } from "./hub.js";
import type { PresenceChange } from "./presence.js";
import type { RateLimiter } from "../chat/rate-limiter.js";
import { insertWidgetArticleView } from "../models/help-widget.js";
import { ZLanguage } from "../routes/schemas.js";
import { suggestArticles } from "./visitor-articles.js";

/** The longest chat message a visitor may send (characters). */
export const MAX_VISITOR_MESSAGE = 5_000;

export const ZVisitorSocketMessage = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("hello"),
    token: z.string().max(600).optional(),
    /** A shop's logged-in customer: their id and the shop's HMAC of it. */
    user: z.object({ id: z.string().min(1).max(200), hash: z.string().max(128) }).optional(),
  }),
  z
    .object({
      type: z.literal("message"),
      clientId: z.string().min(8).max(64),
      body: z.string().trim().max(MAX_VISITOR_MESSAGE),
      name: z.string().trim().max(200).optional(),
      email: z.email().max(320).optional(),
      /** Files uploaded first (POST /widget/v1/uploads). */
      attachmentIds: z.array(z.uuid()).max(10).optional(),
    })
    .refine((message) => message.body.length > 0 || Boolean(message.attachmentIds?.length), {
      message: "A message needs text or a file",
    }),
  z.object({ type: z.literal("typing") }),
  /** The widget showed these agent replies. */
  z.object({ type: z.literal("received"), ids: z.array(z.uuid()).max(200) }),
  /** The visitor has the panel open and has read up to now. */
  z.object({ type: z.literal("read") }),
  z.object({ type: z.literal("ping") }),
  /** Before the first message: help-center articles that may answer what the visitor is typing. */
  z.object({ type: z.literal("articles"), q: z.string().max(1000), lang: ZLanguage }),
  /** The visitor opened a suggested article (a deflection when no conversation follows). */
  z.object({ type: z.literal("article_opened"), articleId: z.uuid(), lang: ZLanguage }),
]);

const HISTORY = 200;

/** A chat message as the widget shows it, with its files (downloaded from /widget/v1/files/:id). */
export const presentVisitorMessage = (row: VisitorMessageRow, files: AttachmentRow[] = []) => ({
  id: row.id,
  clientId: row.client_id,
  from: row.kind === "incoming" ? ("visitor" as const) : ("agent" as const),
  author: row.author_name,
  body: row.body,
  createdAt: row.created_at.toISOString(),
  files: files.map((file) => ({
    id: file.id,
    name: file.file_name,
    size: file.size,
    type: file.content_type,
  })),
});

/** Messages as the widget shows them, their files read in one query. */
async function presentWithFiles(db: Queryable, rows: VisitorMessageRow[]) {
  const files = rows.length
    ? await findAttachmentsOfMessages(
        db,
        rows.map((row) => row.id),
      )
    : [];
  return rows.map((row) =>
    presentVisitorMessage(
      row,
      files.filter((file) => file.message_id === row.id),
    ),
  );
}

let connectionCount = 0;

/** Office hours for the welcome: open now, or when next (null: the inbox has no calendar, always open). */
const calendars = new Map<string, { at: number; calendar: Promise<BusinessCalendar | null> }>();
async function officeHours(ctx: AppContext, inboxId: string, now = new Date()) {
  let cached = calendars.get(inboxId);
  // Read again after 10 s, or at once when a calendar or inbox event reaches an open widget socket.
  if (!cached || Date.now() - cached.at > 10_000) {
    const calendar = findInboxCalendar(ctx.db, inboxId).then((row) => (row ? toBusinessCalendar(row) : null));
    calendar.catch(() => calendars.delete(inboxId));
    cached = { at: Date.now(), calendar };
    calendars.set(inboxId, cached);
  }
  const calendar = await cached.calendar;
  if (!calendar) return null;
  const open = isOpen(calendar, now);
  return { open, nextOpening: open ? null : (nextOpening(calendar, now)?.toISOString() ?? null) };
}

const expectations = new Map<string, { at: number; seconds: Promise<number | null> }>();

/** The inbox's typical first reply time (commands/expected-reply-time.ts), at most every 5 minutes per inbox. */
function cachedExpectedReplySeconds(ctx: AppContext, inboxId: string): Promise<number | null> {
  const cached = expectations.get(inboxId);
  if (cached && Date.now() - cached.at < 5 * 60_000) return cached.seconds;
  const seconds = expectedReplySeconds(ctx.db, inboxId);
  seconds.catch(() => expectations.delete(inboxId));
  expectations.set(inboxId, { at: Date.now(), seconds });
  return seconds;
}

export interface VisitorSocketOptions {
  inbox: InboxRow;
  chat: InboxChatRow;
  /** A promise: the socket's listeners must be attached at once, before anything is awaited. */
  keys: Promise<InstallKeys>;
  /** Per visitor and per address: how many messages and new conversations they may send. */
  limits: {
    messages: RateLimiter;
    addressMessages: RateLimiter;
    conversations: RateLimiter;
    visitorConversations: RateLimiter;
    /** Article suggestions asked for while typing. */
    articles: RateLimiter;
    ip: string;
  };
  /** The help center's reader cookie, when the widget runs on a help-center page (same origin). */
  helpViewerId?: string;
  log?: (message: string) => void;
}

/**
 * One widget visitor's live connection. The visitor first says `hello` with the token their browser
 * kept (or none: a new visitor gets one), and gets `welcome` with their conversation's messages. Their
 * messages carry a client id and are acknowledged (`ack`) once stored; the widget resends until then,
 * and a resend is found, not stored again. Agents' replies arrive as `message` (the widget answers
 * `received`, which marks them delivered); `typing` tells that an agent is writing. Notes and activity
 * lines never reach a visitor.
 */
export function serveVisitorSocket(
  ctx: AppContext,
  hub: RealtimeHub,
  socket: WebSocket,
  options: VisitorSocketOptions,
) {
  const { inbox } = options;
  const connectionId = `${hub.processId}:v${++connectionCount}`;
  let visitorId: string | null = null;
  let conversation: ConversationRow | null = null;
  let customerName = "";
  let lastTyping = "";
  const send = (message: object) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const fail = (code: string, message: string) => send({ type: "error", code, message });

  const refreshConversation = async () => {
    conversation = (await findVisitorConversation(ctx.db, inbox.id, visitorId!)) ?? null;
    if (conversation) hub.presence.set(connectionId, presenceOf(null));
  };
  const presenceOf = (typing: string | null) => ({
    workspaceId: inbox.workspace_id,
    userId: `visitor:${visitorId}`,
    name: customerName || "Visitor",
    viewing: null,
    typing,
    isVisitor: true,
  });
  /** Which agents type in the visitor's conversation, and whether one has it open (read receipts). */
  const sendAgentTyping = () => {
    if (!conversation) return;
    const activity = hub.presence.activity(inbox.workspace_id, conversation.id);
    const agents = (users: { id: string; name: string }[]) =>
      users.filter((user) => !user.id.startsWith("visitor:"));
    const typing = agents(activity.typing).map((user) => user.name.split(" ")[0]);
    const viewing = agents(activity.viewers).length > 0;
    const text = JSON.stringify([typing, viewing]);
    if (text === lastTyping) return;
    lastTyping = text;
    send({ type: "typing", agents: typing, viewing });
  };
  /** What the visitor was last told about agents being online: a change is sent as it happens. */
  let toldAgentsOnline: boolean | null = null;
  const agentsOnline = () => (toldAgentsOnline = hub.presence.hasAgents(inbox.workspace_id));

  const subscriber = {
    onEvents(rows: TailEventRow[]) {
      for (const row of rows) {
        // Office hours changed somewhere: the next welcome reads them again.
        if (row.type.startsWith("calendar.") || row.type === "inbox.updated") calendars.clear();
        if (row.workspace_id !== inbox.workspace_id || !visitorId) continue;
        // Another tab of this visitor started a conversation: this socket follows it too. (Read from the
        // event's row: 2,000 sockets must not each query the database for every new conversation.)
        if (
          row.type === "conversation.created" &&
          row.conversation_visitor_id === visitorId &&
          row.conversation_inbox_id === inbox.id &&
          row.conversation_id !== conversation?.id
        ) {
          // Its first messages may be in this very batch: the conversation's messages so far are sent
          // (the widget keeps each once, by id).
          void refreshConversation()
            .then(async () => {
              if (!conversation) return;
              const shown = await presentWithFiles(
                ctx.db,
                await findVisitorMessages(ctx.db, conversation.id, HISTORY),
              );
              for (const message of shown) send({ type: "message", message });
            })
            .catch(() => {});
          continue;
        }
        if (row.type !== "message.created" || row.conversation_id !== conversation?.id) continue;
        const messageId = String(row.payload.messageId ?? "");
        const conversationId = conversation.id;
        void findVisitorMessage(ctx.db, conversationId, messageId)
          .then((message) => {
            if (message)
              return presentWithFiles(ctx.db, [message]).then(([shown]) =>
                send({ type: "message", message: shown }),
              );
          })
          .catch(() => {});
      }
    },
    onPresence(change: PresenceChange) {
      if (change.workspaceId !== inbox.workspace_id) return;
      // The first agent signed in, or the last one left: the widget switches between chat and form.
      if (toldAgentsOnline !== null && change.agentsOnline !== toldAgentsOnline) {
        toldAgentsOnline = change.agentsOnline;
        send({ type: "availability", agentsOnline: change.agentsOnline });
      }
      if (conversation && change.conversationIds.includes(conversation.id)) sendAgentTyping();
    },
  };

  const handle = async (message: z.infer<typeof ZVisitorSocketMessage>) => {
    if (message.type === "ping") return send({ type: "pong" });
    if (message.type === "hello") {
      if (visitorId) return fail("invalid_message", "Already said hello");
      const keys = await options.keys;
      let subject = message.token ? readVisitorToken(keys, inbox.id, message.token)?.subject : undefined;
      if (message.user) {
        const secret = options.chat.identity_secret_sealed
          ? keys.open(options.chat.identity_secret_sealed)
          : null;
        if (!secret || !isVouchedFor(secret, message.user.id, message.user.hash)) {
          return fail("identity_refused", "The shop's signature for this customer is not valid");
        }
        subject = shopCustomerSubject(message.user.id);
      }
      visitorId = subject ?? newVisitorSubject();
      await hub.start();
      hub.add(subscriber);
      await refreshConversation();
      const messages = conversation ? await findVisitorMessages(ctx.db, conversation.id, HISTORY) : [];
      send({
        type: "welcome",
        token: issueVisitorToken(keys, { inboxId: inbox.id, subject: visitorId }),
        inbox: { name: inbox.name },
        ask: { name: options.chat.ask_name, email: options.chat.ask_email },
        agentsOnline: agentsOnline(),
        expectedReplySeconds: await cachedExpectedReplySeconds(ctx, inbox.id),
        hours: await officeHours(ctx, inbox.id),
        conversation: conversation ? { id: conversation.id, status: conversation.status } : null,
        messages: await presentWithFiles(ctx.db, messages),
      });
      sendAgentTyping();
      return;
    }
    if (!visitorId) return fail("hello_first", "Say hello first");
    if (message.type === "message") {
      const startsConversation = !conversation || conversation.status === "resolved";
      const needs = (field: "ask_name" | "ask_email", value: string | undefined) =>
        startsConversation && options.chat[field] === "required" && !value;
      if (needs("ask_name", message.name) || needs("ask_email", message.email)) {
        return send({ type: "nack", clientId: message.clientId, code: "details_required" });
      }
      // Limits count new messages only: a resend after a lost acknowledgement is answered, not counted.
      let retryAfterMs = 0;
      const admit = (isNewConversation: boolean) => {
        const limits = options.limits;
        if (!limits.messages.take(visitorId!) || !limits.addressMessages.take(limits.ip))
          retryAfterMs = 5_000;
        else if (
          isNewConversation &&
          (!limits.visitorConversations.take(visitorId!) ||
            !limits.conversations.take(`${inbox.id}/ip:${limits.ip}`))
        )
          retryAfterMs = 60_000;
        return retryAfterMs === 0;
      };
      const result = await addVisitorMessage(ctx.db, {
        inbox,
        visitorId,
        clientId: message.clientId,
        body: message.body,
        name: message.name,
        email: message.email,
        admit,
        attachmentIds: message.attachmentIds,
        helpViewerIds: options.helpViewerId ? [options.helpViewerId, visitorId] : [visitorId],
      }).catch((error: unknown) => {
        if (error instanceof HttpError && error.statusCode === 400) return { refused: error.code };
        throw error;
      });
      if (result && "refused" in result) {
        return send({ type: "nack", clientId: message.clientId, code: "invalid_attachments" });
      }
      if (!result)
        return send({ type: "nack", clientId: message.clientId, code: "rate_limited", retryAfterMs });
      if (message.name) customerName = message.name;
      // A sent message ends the visitor's typing (refreshConversation announces them without it).
      if (result.conversationId !== conversation?.id) await refreshConversation();
      else hub.presence.set(connectionId, presenceOf(null));
      const [stored] = await presentWithFiles(ctx.db, [result.message]);
      send({ type: "ack", clientId: message.clientId, message: stored });
      if (!result.isRepeat) hub.wake();
      return;
    }
    if (message.type === "articles") {
      if (!options.limits.articles.take(visitorId))
        return send({ type: "articles", q: message.q, items: [] });
      return send({ type: "articles", q: message.q, items: await suggestArticles(ctx, inbox, message) });
    }
    if (message.type === "article_opened") {
      await insertWidgetArticleView(ctx.db, {
        workspaceId: inbox.workspace_id,
        articleId: message.articleId,
        lang: message.lang,
        visitorId,
      });
      return;
    }
    if (!conversation) return;
    if (message.type === "typing") hub.presence.typed(connectionId, conversation.id);
    else if (message.type === "received") await markChatRepliesDelivered(ctx.db, conversation, message.ids);
    else if (message.type === "read") await markChatRead(ctx.db, conversation, new Date());
  };

  // In order, one at a time: a message right after hello must find the visitor known.
  let handling = Promise.resolve();
  socket.on("message", (data) => {
    handling = handling
      .then(async () => {
        let message: z.infer<typeof ZVisitorSocketMessage>;
        try {
          message = ZVisitorSocketMessage.parse(JSON.parse(String(data)));
        } catch {
          return fail("invalid_message", "Unknown or malformed message");
        }
        await handle(message);
      })
      .catch((error) => {
        options.log?.(`widget: ${(error as Error).message}`);
        fail("server_error", "Something went wrong; try again");
      });
  });
  socket.on("close", () => {
    hub.remove(subscriber);
    hub.presence.remove(connectionId);
  });
}

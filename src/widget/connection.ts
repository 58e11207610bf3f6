/** One chat message as the widget shows it. */
export interface ChatMessage {
  id: string | null;
  clientId: string | null;
  from: "visitor" | "agent";
  author: string | null;
  body: string;
  createdAt: string;
  files?: ChatFile[];
  /** Visitor messages: waiting for the server, stored, or seen by an agent. */
  state?: "sending" | "sent" | "seen";
}

export interface ChatFile {
  id: string;
  name: string;
  size: number;
}

export interface Welcome {
  inbox: { name: string };
  ask: { name: "off" | "optional" | "required"; email: "off" | "optional" | "required" };
  agentsOnline: boolean;
  /** The inbox's typical first reply time over the last week (seconds); null with too little data. */
  expectedReplySeconds: number | null;
  /** The inbox's office hours: open now, or when it opens next; null when it has none (always open). */
  hours: { open: boolean; nextOpening: string | null } | null;
  hasConversation: boolean;
}

export interface ConnectionEvents {
  welcome(welcome: Welcome): void;
  /** The list changed (a message arrived, was acknowledged or seen). */
  messages(messages: ChatMessage[]): void;
  typing(agents: string[]): void;
  /** An agent came online, or the last one left. */
  availability(agentsOnline: boolean): void;
  connected(isConnected: boolean): void;
  /** The server refused a message for good (details missing) or for now (rate limit). */
  refused(code: string): void;
  /** Help-center articles that may answer `q` (what the visitor was typing). */
  articles?(q: string, items: WidgetArticle[]): void;
}

/** A help-center article suggested before the first message. */
export interface WidgetArticle {
  id: string;
  title: string;
  url: string;
}

interface Pending {
  clientId: string;
  body: string;
  attachmentIds?: string[];
  name?: string;
  email?: string;
  createdAt: string;
}

type ServerMessage =
  | ({
      type: "welcome";
      token: string;
      messages: ChatMessage[];
      conversation: { id: string } | null;
    } & Welcome)
  | { type: "ack"; clientId: string; message: ChatMessage }
  | { type: "nack"; clientId: string; code: string; retryAfterMs?: number }
  | { type: "message"; message: ChatMessage }
  | { type: "typing"; agents: string[]; viewing?: boolean }
  | { type: "availability"; agentsOnline: boolean }
  | { type: "articles"; q: string; items: WidgetArticle[] }
  | { type: "error"; code: string };

const newId = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/**
 * The widget's socket. Messages wait in an outbox kept in localStorage until the server acknowledges
 * them, and are sent again after every reconnect or page load: stored once (by client id), never lost.
 * The visitor's token is kept there too, so the conversation survives reloads and is shared by tabs.
 */
export class ChatConnection {
  private socket: WebSocket | null = null;
  private readonly list = new Map<string, ChatMessage>();
  private failures = 0;
  private stopped = false;
  private lastTyping = 0;
  private readonly storeKey: string;

  constructor(
    private readonly url: string,
    private readonly widgetKey: string,
    private readonly user: { id: string; hash: string } | null,
    private readonly on: ConnectionEvents,
  ) {
    this.storeKey = `heed-chat:${widgetKey}`;
    for (const pending of this.outbox()) this.remember(this.pendingMessage(pending));
  }

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }

  /** Queues the visitor's message; it is sent now or as soon as the socket is back. */
  send(body: string, details: { name?: string; email?: string; attachmentIds?: string[] } = {}): void {
    const pending: Pending = { clientId: newId(), body, createdAt: new Date().toISOString(), ...details };
    // Sending ends the typing; the next keystroke says so again at once.
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    this.lastTyping = 0;
    this.saveOutbox([...this.outbox(), pending]);
    this.remember(this.pendingMessage(pending));
    this.emit();
    this.transmit(pending);
  }

  /** The visitor is typing: told at most every two seconds (a last time after a pause in the burst). */
  /** Asks for articles that may answer `q`; the answer comes to `on.articles`. */
  findArticles(q: string, lang: string): void {
    this.raw({ type: "articles", q, lang });
  }

  /** The visitor opened a suggested article (counted by the help center's analytics). */
  articleOpened(articleId: string, lang: string): void {
    this.raw({ type: "article_opened", articleId, lang });
  }

  typing(): void {
    const wait = this.lastTyping + 2_000 - Date.now();
    if (wait > 0) {
      this.typingTimer ??= setTimeout(() => {
        this.typingTimer = null;
        this.typing();
      }, wait);
      return;
    }
    this.lastTyping = Date.now();
    this.raw({ type: "typing" });
  }

  private typingTimer: ReturnType<typeof setTimeout> | null = null;

  /** The panel is open and in view: what is shown counts as read. */
  read(): void {
    this.raw({ type: "read" });
  }

  /** Uploads a file for the next message (HTTP: a socket frame is no place for it); its id to send. */
  async upload(file: File): Promise<ChatFile> {
    const response = await fetch(this.fileUrl("uploads"), {
      method: "POST",
      headers: {
        "content-type": file.type || "application/octet-stream",
        "x-file-name": encodeURIComponent(file.name),
        "x-visitor-token": this.read_("token") ?? "",
      },
      body: file,
    });
    if (!response.ok) throw new Error(String(response.status));
    return (await response.json()) as ChatFile;
  }

  /** Saves a file of the conversation (the token travels in a header, never in a link). */
  async download(file: ChatFile): Promise<void> {
    const response = await fetch(this.fileUrl(`files/${file.id}`), {
      headers: { "x-visitor-token": this.read_("token") ?? "" },
    });
    if (!response.ok) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = file.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  private fileUrl(path: string): string {
    return `${this.url.replace(/^ws/, "http")}/widget/v1/${path}?key=${encodeURIComponent(this.widgetKey)}`;
  }

  private pendingMessage(pending: Pending): ChatMessage {
    return {
      id: null,
      clientId: pending.clientId,
      from: "visitor",
      author: null,
      body: pending.body,
      createdAt: pending.createdAt,
      state: "sending",
    };
  }

  private read_(key: string): string | null {
    try {
      return localStorage.getItem(`${this.storeKey}:${key}`);
    } catch {
      return null;
    }
  }

  private write(key: string, value: string | null): void {
    try {
      if (value === null) localStorage.removeItem(`${this.storeKey}:${key}`);
      else localStorage.setItem(`${this.storeKey}:${key}`, value);
    } catch {
      // Storage blocked (private mode): the chat works for this page only.
    }
  }

  private outbox(): Pending[] {
    try {
      return JSON.parse(this.read_("outbox") ?? "[]") as Pending[];
    } catch {
      return [];
    }
  }

  private saveOutbox(items: Pending[]): void {
    this.write("outbox", items.length ? JSON.stringify(items) : null);
  }

  private raw(message: object): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN || !this.isWelcomed) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private isWelcomed = false;
  private agentViewing = false;

  private transmit(pending: Pending): void {
    this.raw({
      type: "message",
      clientId: pending.clientId,
      body: pending.body,
      name: pending.name,
      email: pending.email,
      attachmentIds: pending.attachmentIds,
    });
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(`${this.url}/widget/v1/socket?key=${encodeURIComponent(this.widgetKey)}`);
    this.socket = socket;
    this.isWelcomed = false;
    socket.onopen = () => {
      socket.send(
        JSON.stringify({
          type: "hello",
          token: this.read_("token") ?? undefined,
          user: this.user ?? undefined,
        }),
      );
    };
    socket.onmessage = (event) => this.receive(JSON.parse(String(event.data)) as ServerMessage);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.isWelcomed = false;
      this.on.connected(false);
      if (this.stopped) return;
      this.failures++;
      const delay = Math.min(15_000, 500 * 2 ** Math.min(this.failures, 5)) * (0.5 + Math.random() / 2);
      setTimeout(() => this.connect(), delay);
    };
  }

  private remember(message: ChatMessage): void {
    const key = message.clientId ?? message.id!;
    const known = this.list.get(key) ?? (message.id ? this.findById(message.id) : undefined);
    if (known && known.state === "seen" && message.from === "visitor") message.state = "seen";
    if (known) this.list.delete(known.clientId ?? known.id!);
    this.list.set(key, {
      ...message,
      state: message.from === "visitor" ? (message.state ?? "sent") : undefined,
    });
  }

  private findById(id: string): ChatMessage | undefined {
    for (const message of this.list.values()) if (message.id === id) return message;
    return undefined;
  }

  private emit(): void {
    const sorted = [...this.list.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    this.on.messages(sorted);
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case "welcome": {
        this.write("token", message.token);
        this.isWelcomed = true;
        this.failures = 0;
        for (const item of message.messages) this.remember(item);
        this.on.welcome({ ...message, hasConversation: Boolean(message.conversation) });
        this.on.connected(true);
        this.acknowledgeReplies(message.messages);
        for (const pending of this.outbox()) this.transmit(pending);
        this.emit();
        return;
      }
      case "ack":
        this.saveOutbox(this.outbox().filter((p) => p.clientId !== message.clientId));
        // An agent has the conversation open right now: they see it as it arrives.
        this.remember({ ...message.message, state: this.agentViewing ? "seen" : "sent" });
        this.emit();
        return;
      case "nack":
        if (message.code === "rate_limited") {
          const pending = this.outbox().find((p) => p.clientId === message.clientId);
          if (pending) setTimeout(() => this.transmit(pending), message.retryAfterMs ?? 5_000);
        } else {
          // Refused for good (a required detail missing): the visitor fixes it and sends again.
          this.saveOutbox(this.outbox().filter((p) => p.clientId !== message.clientId));
          this.list.delete(message.clientId);
          this.emit();
        }
        this.on.refused(message.code);
        return;
      case "message":
        // An agent's reply ends their typing, whatever the next typing update says.
        if (message.message.from === "agent") this.on.typing([]);
        this.remember(message.message);
        this.acknowledgeReplies([message.message]);
        this.emit();
        return;
      case "availability":
        this.on.availability(message.agentsOnline);
        return;
      case "articles":
        this.on.articles?.(message.q, message.items);
        return;
      case "typing":
        this.on.typing(message.agents);
        this.agentViewing = Boolean(message.viewing);
        if (message.viewing) {
          for (const item of this.list.values())
            if (item.from === "visitor" && item.state === "sent") item.state = "seen";
          this.emit();
        }
        return;
    }
  }

  private acknowledgeReplies(messages: ChatMessage[]): void {
    const ids = messages.filter((m) => m.from === "agent" && m.id).map((m) => m.id!);
    if (ids.length) this.raw({ type: "received", ids });
  }
}

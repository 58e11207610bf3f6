/**
 * Realtime across real Heed processes: two processes on one PostgreSQL (an agent connected to one sees
 * what is written through the other, and who is online there), and sockets cut again and again while
 * notes are written (after reconnecting, every event is there exactly once). The second runs in both
 * modes; the first only on PostgreSQL, since the embedded database belongs to one process.
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipLine } from "./helpers/components.js";
import { cloneTemplateDatabase, cloneTemplateFolder, dropTestDatabase } from "./helpers/db.js";
import { chatVisitor, followEvents, openTestSocket } from "./helpers/realtime-client.js";
import { apiTokenOverHttp, startServerProcess, type ServerProcess } from "./helpers/server-process.js";
import { startTcpProxy } from "./helpers/tcp-proxy.js";
import { testMode } from "./helpers/test-env.js";

const ADMIN_EMAIL = `realtime-${randomUUID().slice(0, 8)}@example.test`;
const ADMIN_PASSWORD = "realtime test password";

let location: string;
let env: Record<string, string>;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  location = testMode === "postgres" ? await cloneTemplateDatabase() : cloneTemplateFolder();
  env = {
    ...(testMode === "postgres" ? { DATABASE_URL: location } : { HEED_DATA_DIR: location }),
    HEED_ADMIN_EMAIL: ADMIN_EMAIL,
    HEED_ADMIN_PASSWORD: ADMIN_PASSWORD,
  };
  servers.push(await startServerProcess(env));
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  if (testMode === "postgres") await dropTestDatabase(location);
  else fs.rmSync(location, { recursive: true, force: true });
});

async function call<T>(server: ServerProcess, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function newConversation(server: ServerProcess, token: string): Promise<string> {
  const inboxes = await call<{ data: { id: string }[] }>(server, token, "GET", "/inboxes");
  const inboxId =
    inboxes.data[0]?.id ??
    (await call<{ id: string }>(server, token, "POST", "/inboxes", { name: "Desk", channel: "api" })).id;
  const created = await call<{ id: string }>(server, token, "POST", "/conversations", {
    inboxId,
    customer: { email: `c-${randomUUID().slice(0, 8)}@example.test` },
    subject: "Realtime",
    message: { body: "Hello" },
  });
  return created.id;
}

/** A chat inbox (created once) and its widget key. */
async function chatInbox(server: ServerProcess, token: string): Promise<{ id: string; widgetKey: string }> {
  const inboxes = await call<{ data: { id: string; channel: string; widgetKey: string | null }[] }>(
    server,
    token,
    "GET",
    "/inboxes",
  );
  const found = inboxes.data.find((inbox) => inbox.channel === "chat");
  if (found) return { id: found.id, widgetKey: found.widgetKey! };
  const created = await call<{ id: string; widgetKey: string }>(server, token, "POST", "/inboxes", {
    name: "Chat",
    channel: "chat",
  });
  return { id: created.id, widgetKey: created.widgetKey };
}

const wsUrl = (server: ServerProcess) => `${server.url.replace(/^http/, "ws")}/api/v1/realtime`;

describe("sockets cut while notes are written", () => {
  it("has every event exactly once after the reconnects", async () => {
    const server = servers[0]!;
    const token = await apiTokenOverHttp(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const conversationId = await newConversation(server, token);
    const target = new URL(server.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const client = followEvents(`ws://127.0.0.1:${proxy.port}/api/v1/realtime`, {
      authorization: `Bearer ${token}`,
    });
    try {
      await expect.poll(() => client.isReady, { timeout: 10_000 }).toBe(true);
      const written: string[] = [];
      for (let i = 0; i < 60; i++) {
        const note = await call<{ id: string }>(
          server,
          token,
          "POST",
          `/conversations/${conversationId}/messages`,
          {
            kind: "note",
            body: `note ${i}`,
          },
        );
        written.push(note.id);
        // Cut every socket three times while writing; the client reconnects through the proxy.
        if (i % 20 === 10) {
          proxy.cut();
          await new Promise((resolve) => setTimeout(resolve, 150));
          proxy.restore();
        }
      }
      const received = () =>
        [...client.events.values()]
          .filter((e) => e.type === "message.created" && e.conversationId === conversationId)
          .map((e) => e.payload.messageId as string);
      await expect.poll(() => received().length, { timeout: 15_000 }).toBe(60);
      expect(new Set(received())).toEqual(new Set(written));
      expect(client.reconnects).toBeGreaterThanOrEqual(3);
      expect(client.deliveries).toBe(client.events.size);
    } finally {
      client.stop();
      await proxy.close();
    }
  });
});

describe("chat sockets cut while visitor and agent write", () => {
  it("stores every visitor message once and shows every reply once", async () => {
    const server = servers[0]!;
    const token = await apiTokenOverHttp(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const { widgetKey } = await chatInbox(server, token);
    const target = new URL(server.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const visitor = chatVisitor(`ws://127.0.0.1:${proxy.port}/widget/v1/socket?key=${widgetKey}`);
    try {
      await expect.poll(() => visitor.isWelcomed, { timeout: 10_000 }).toBe(true);
      visitor.say("drop-first", "first");
      await expect.poll(() => visitor.pending, { timeout: 10_000 }).toBe(0);
      const [first] = [...visitor.lines.values()];
      const conversationId = (
        await call<{ data: { id: string; preview: string }[] }>(
          server,
          token,
          "GET",
          "/conversations?limit=100",
        )
      ).data.find((c) => c.preview === "first")!.id;
      expect(first).toBeDefined();
      const replies: string[] = [];
      for (let i = 0; i < 20; i++) {
        visitor.say(`drop-message-${i}`, `visitor ${i}`);
        const reply = await call<{ id: string }>(
          server,
          token,
          "POST",
          `/conversations/${conversationId}/messages`,
          {
            kind: "reply",
            body: `agent ${i}`,
          },
        );
        replies.push(reply.id);
        if (i % 6 === 3) {
          proxy.cut();
          await new Promise((resolve) => setTimeout(resolve, 150));
          proxy.restore();
        }
      }
      await expect
        .poll(() => visitor.pending, {
          timeout: 15_000,
          message: `refusals: ${visitor.refusals.slice(-3).join(" ")}`,
        })
        .toBe(0);
      const agentLines = () => [...visitor.lines.values()].filter((line) => line.from === "agent");
      await expect.poll(() => agentLines().length, { timeout: 15_000 }).toBe(20);
      expect(new Set(agentLines().map((line) => line.id))).toEqual(new Set(replies));
      expect(visitor.reconnects).toBeGreaterThanOrEqual(3);
      const stored = await call<{ messages: { kind: string; body: string }[] }>(
        server,
        token,
        "GET",
        `/conversations/${conversationId}`,
      );
      const fromVisitor = stored.messages.filter((m) => m.kind === "incoming").map((m) => m.body);
      expect(fromVisitor.sort()).toEqual(
        ["first", ...Array.from({ length: 20 }, (_, i) => `visitor ${i}`)].sort(),
      );
    } finally {
      visitor.stop();
      await proxy.close();
    }
  });
});

if (testMode !== "postgres")
  skipLine("realtime across processes", "needs PostgreSQL (one process owns the embedded database)");
describe.runIf(testMode === "postgres")("two processes on one PostgreSQL", () => {
  it("delivers what one process writes to a socket on the other, and shares who is online", async () => {
    const [first] = servers;
    const second = await startServerProcess(env);
    servers.push(second);
    const token = await apiTokenOverHttp(first!.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const socket = await openTestSocket(wsUrl(first!), { authorization: `Bearer ${token}` });
    try {
      await socket.waitFor((m) => m.type === "ready");
      const conversationId = await newConversation(second, token);
      const note = await call<{ id: string }>(
        second,
        token,
        "POST",
        `/conversations/${conversationId}/messages`,
        {
          kind: "note",
          body: "written through the second process",
        },
      );
      await socket.waitFor(
        (m) =>
          m.type === "events" &&
          (m.events as { type: string; payload: { messageId?: string } }[]).some(
            (e) => e.type === "message.created" && e.payload.messageId === note.id,
          ),
        10_000,
      );
      // A connection to the second process (a second tab, here) viewing and typing shows on the first.
      const agentToken = await apiTokenOverHttp(second.url, ADMIN_EMAIL, ADMIN_PASSWORD);
      const other = await openTestSocket(wsUrl(second), { authorization: `Bearer ${agentToken}` });
      try {
        await other.waitFor((m) => m.type === "ready");
        socket.send({ type: "view", conversationId });
        other.send({ type: "view", conversationId });
        other.send({ type: "typing", conversationId });
        await socket.waitFor(
          (m) =>
            m.type === "activity" &&
            (m.typing as unknown[]).length === 1 &&
            (m.viewers as unknown[]).length >= 1,
          10_000,
        );
      } finally {
        await other.close();
      }
    } finally {
      await socket.close();
    }
  });

  it("carries a chat between a visitor on one process and an agent on the other", async () => {
    const [first, second] = servers;
    const token = await apiTokenOverHttp(first!.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const { widgetKey } = await chatInbox(first!, token);
    const agent = await openTestSocket(wsUrl(second!), { authorization: `Bearer ${token}` });
    const visitor = chatVisitor(`${first!.url.replace(/^http/, "ws")}/widget/v1/socket?key=${widgetKey}`);
    try {
      await agent.waitFor((m) => m.type === "ready");
      await expect.poll(() => visitor.isWelcomed, { timeout: 10_000 }).toBe(true);
      visitor.say("two-process-1", "Hello from the first process");
      const created = await agent.waitFor(
        (m) =>
          m.type === "events" &&
          (m.events as { type: string; payload: { channel?: string } }[]).some(
            (e) => e.type === "conversation.created" && e.payload.channel === "chat",
          ),
        10_000,
      );
      const conversationId = (created.events as { type: string; conversationId: string }[]).find(
        (e) => e.type === "conversation.created",
      )!.conversationId;
      const reply = await call<{ id: string }>(
        second!,
        token,
        "POST",
        `/conversations/${conversationId}/messages`,
        {
          kind: "reply",
          body: "Hello from the second process",
        },
      );
      await expect.poll(() => visitor.lines.has(reply.id), { timeout: 10_000 }).toBe(true);
    } finally {
      visitor.stop();
      await agent.close();
    }
  });
});

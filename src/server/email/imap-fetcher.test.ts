/**
 * The IMAP fetcher against a real Dovecot (test/helpers/dovecot.ts): mail appended to a mailbox becomes
 * conversations exactly once, through restarts, backlogs, UIDVALIDITY changes, dropped and stalled
 * connections, oversized mail and two fetchers competing for one mailbox; failures show on the inbox and
 * in /healthz. Every test has its own Dovecot user and inbox, so the tests share one server and database.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { requireComponents } from "../../../test/helpers/components.js";
import { dovecot as dovecotComponent, startDovecot, type Dovecot } from "../../../test/helpers/dovecot.js";
import { buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { startTcpProxy, type TcpProxy } from "../../../test/helpers/tcp-proxy.js";
import { startJobs, type Jobs } from "../jobs/index.js";
import type { TInbox, TInboxImap } from "../presenters/inbox-presenter.js";
import {
  imapClientOptions,
  startImapFetchers,
  type ImapFetcherOptions,
  type ImapFetchers,
} from "./imap-fetcher.js";

const short = () => randomUUID().slice(0, 8);

describe("imapClientOptions", () => {
  const limits = { maxBytes: 1000, connectionTimeoutMs: 5000 };
  const base = { host: "imap.example.com", port: 993, username: "help@example.com" } as const;

  it("logs in with XOAUTH2 when the inbox has an access token, with the password otherwise", () => {
    const oauth = imapClientOptions(
      { ...base, security: "tls", auth_method: "xoauth2" },
      "ya29.token",
      limits,
    );
    expect(oauth.auth).toEqual({ user: "help@example.com", accessToken: "ya29.token" });
    const password = imapClientOptions(
      { ...base, security: "tls", auth_method: "password" },
      "s3cret",
      limits,
    );
    expect(password.auth).toEqual({ user: "help@example.com", pass: "s3cret" });
  });

  it("never downgrades: TLS from the start, required STARTTLS, or no TLS at all", () => {
    const tls = imapClientOptions({ ...base, security: "tls", auth_method: "password" }, "x", limits);
    expect([tls.secure, tls.doSTARTTLS]).toEqual([true, false]);
    const starttls = imapClientOptions(
      { ...base, security: "starttls", auth_method: "password" },
      "x",
      limits,
    );
    expect([starttls.secure, starttls.doSTARTTLS]).toEqual([false, true]);
    const none = imapClientOptions({ ...base, security: "none", auth_method: "password" }, "x", limits);
    expect([none.secure, none.doSTARTTLS]).toEqual([false, false]);
  });
});

describe.runIf(await requireComponents("IMAP fetcher", [dovecotComponent]))(
  "IMAP fetcher against Dovecot",
  () => {
    let t: TestApp;
    let api: ApiClient;
    let owner: TestActor;
    let server: Dovecot;
    let jobs: Jobs;
    const logs: string[] = [];
    const log = (level: string, message: string) => logs.push(`${level} ${message}`);
    const running: ImapFetchers[] = [];
    const proxies: TcpProxy[] = [];

    beforeAll(async () => {
      t = await createTestApp();
      api = apiClient(t.app);
      owner = (await buildWorkspace(t.ctx)).owner;
      server = await startDovecot();
      jobs = startJobs(t.ctx, log);
    });

    afterEach(async () => {
      for (const fetchers of running.splice(0)) await fetchers.stop();
      for (const proxy of proxies.splice(0)) await proxy.close();
      // Each test's inbox stops being fetched, so the next test's fetchers see only their own.
      await t.ctx.db.query("UPDATE inbox_imap SET is_enabled = false");
      logs.length = 0;
    });

    afterAll(async () => {
      await jobs?.stop();
      await server?.stop();
      await t?.close();
    });

    /** Fast timings for tests; `overrides` per test. */
    function startFetchers(overrides: Partial<ImapFetcherOptions> = {}): ImapFetchers {
      const fetchers = startImapFetchers(t.ctx, {
        log,
        onStored: () => jobs.poke(),
        refreshMs: 200,
        leaseMs: 3_000,
        pollMs: 500,
        idleRecheckMs: 60_000,
        backoff: { initialMs: 100, maxMs: 1_000 },
        connectionTimeoutMs: 5_000,
        ...overrides,
      });
      running.push(fetchers);
      return fetchers;
    }

    /** A Dovecot user of its own for one test. */
    function newUser(password = `pw-${short()}`) {
      const user = `u${short()}`;
      server.setUser(user, password);
      return { user, password };
    }

    /** An email inbox reading the user's mailbox, made through the API like an admin would. */
    async function imapInbox(imap: Record<string, unknown>): Promise<TInbox> {
      const response = await api.post<TInbox>("/api/v1/inboxes", owner, {
        name: `IMAP ${short()}`,
        channel: "email",
        address: `imap-${short()}@shop.example`,
        imap: { host: "127.0.0.1", port: server.port, security: "none", ...imap },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    }

    const imapOf = async (inboxId: string): Promise<TInboxImap> =>
      (await api.get<TInbox>(`/api/v1/inboxes/${inboxId}`, owner)).body.imap!;

    /** A message as a mail client would send it; `tag` makes subjects and Message-IDs unique. */
    function mail(tag: string, i: number, body = `Hello, this is message ${i}.`): Buffer {
      return Buffer.from(
        [
          `From: Customer ${i} <customer-${tag}-${i}@example.net>`,
          "To: help@shop.example",
          `Subject: ${tag} order ${i}`,
          `Message-ID: <${tag}.${i}@example.net>`,
          "Date: Tue, 02 Dec 2025 10:00:00 +0000",
          "Content-Type: text/plain; charset=utf-8",
          "",
          body,
          "",
        ].join("\r\n"),
      );
    }
    const mails = (tag: string, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, k) => mail(tag, from + k));

    /** Subjects of the inbox's conversations with how often each occurs. */
    async function conversationsOf(inboxId: string): Promise<Map<string, number>> {
      const rows = await t.ctx.db.query<{ subject: string; n: number }>(
        "SELECT subject, count(*)::int AS n FROM conversations WHERE inbox_id = $1 GROUP BY subject",
        [inboxId],
      );
      return new Map(rows.map((row) => [row.subject, row.n]));
    }

    const countConversations = async (inboxId: string) =>
      [...(await conversationsOf(inboxId)).values()].reduce((a, b) => a + b, 0);

    const countStored = async (inboxId: string) =>
      (
        await t.ctx.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM inbound_emails WHERE inbox_id = $1",
          [inboxId],
        )
      )[0]!.n;

    /** Every message tag/1..n is one conversation and one stored email, none twice. */
    async function expectExactlyOnce(inboxId: string, tag: string, n: number) {
      await expect.poll(() => countConversations(inboxId), { timeout: 30_000, interval: 100 }).toBe(n);
      const conversations = await conversationsOf(inboxId);
      for (let i = 1; i <= n; i++)
        expect(conversations.get(`${tag} order ${i}`), `${tag} order ${i}`).toBe(1);
      expect(await countStored(inboxId)).toBe(n);
    }

    const eventually = <T>(read: () => T | Promise<T>, timeout = 20_000) =>
      expect.poll(read, { timeout, interval: 100 });

    it("turns appended messages into conversations exactly once, and hears of new mail by IDLE", async () => {
      const { user, password } = newUser();
      const tag = `idle${short()}`;
      await server.append(user, "INBOX", mails(tag, 1, 3));
      const inbox = await imapInbox({ username: user, password });
      startFetchers();
      await expectExactlyOnce(inbox.id, tag, 3);
      await eventually(async () => (await imapOf(inbox.id)).status.state).toBe("ok");

      // With a poll only every minute, a message arriving now shows up at once only through IDLE.
      await server.append(user, "INBOX", mails(tag, 4, 5));
      await expectExactlyOnce(inbox.id, tag, 5);
      const imap = await imapOf(inbox.id);
      expect(imap.status).toMatchObject({ state: "ok", lastUid: 5, lastErrorCode: null });
      expect(imap.status.lastSuccessAt).not.toBeNull();
      const sources = await t.ctx.db.query<{ source: string }>(
        "SELECT DISTINCT source FROM inbound_emails WHERE inbox_id = $1",
        [inbox.id],
      );
      expect(sources).toEqual([{ source: "imap" }]);

      // "leave": the mailbox is as it was, nothing marked as read.
      const client = await server.connect(user, password);
      try {
        await client.mailboxOpen("INBOX");
        const flags = await client.fetchAll("1:*", { uid: true, flags: true }, { uid: true });
        expect(flags).toHaveLength(5);
        for (const message of flags) expect(message.flags?.has("\\Seen")).toBe(false);
      } finally {
        await client.logout();
      }
    });

    it("polls a server without IDLE", async () => {
      const noIdle = await startDovecot({ idle: false });
      try {
        const user = `u${short()}`;
        noIdle.setUser(user, "pw");
        const tag = `poll${short()}`;
        const inbox = await imapInbox({ username: user, password: "pw", port: noIdle.port });
        startFetchers({ pollMs: 300 });
        await eventually(async () => (await imapOf(inbox.id)).status.state).toBe("ok");
        await noIdle.append(user, "INBOX", mails(tag, 1, 2));
        await expectExactlyOnce(inbox.id, tag, 2);
      } finally {
        await noIdle.stop();
      }
    });

    it("resumes after a restart from the last committed UID", async () => {
      const { user, password } = newUser();
      const tag = `resume${short()}`;
      await server.append(user, "INBOX", mails(tag, 1, 4));
      const inbox = await imapInbox({ username: user, password });
      const first = startFetchers({ owner: "first" });
      await expectExactlyOnce(inbox.id, tag, 4);
      await first.stop();
      expect((await imapOf(inbox.id)).status.lastUid).toBe(4);

      await server.append(user, "INBOX", mails(tag, 5, 7));
      logs.length = 0;
      startFetchers({ owner: "second" });
      await expectExactlyOnce(inbox.id, tag, 7);
      // The second run downloaded only what was new: UIDs 5 to 7.
      const fetched = logs.filter((line) => line.includes(`fetched`) && line.includes(user));
      expect(fetched.join("\n")).toMatch(/fetched 3 message\(s\), up to UID 7/);
      expect(fetched.join("\n")).not.toMatch(/fetched [4-7] message/);
    });

    it("works through a backlog many times the batch size", async () => {
      const { user, password } = newUser();
      const tag = `backlog${short()}`;
      await server.append(user, "INBOX", mails(tag, 1, 120));
      const inbox = await imapInbox({ username: user, password });
      startFetchers({ batchSize: 7 });
      await expectExactlyOnce(inbox.id, tag, 120);
      expect((await imapOf(inbox.id)).status.lastUid).toBe(120);
    });

    it("starts again from UID 0 when UIDVALIDITY changes, without storing anything twice", async () => {
      const { user, password } = newUser();
      const tag = `uidv${short()}`;
      await server.append(user, "Support", mails(tag, 1, 3));
      const inbox = await imapInbox({ username: user, password, mailbox: "Support" });
      // A session watching a mailbox that is deleted hears nothing: the periodic re-check finds out.
      startFetchers({ idleRecheckMs: 500 });
      await expectExactlyOnce(inbox.id, tag, 3);
      const before = (await imapOf(inbox.id)).status;

      // The mailbox is recreated (a restore, a migration): new UIDVALIDITY, UIDs from 1 again.
      const client = await server.connect(user, password);
      try {
        await client.mailboxDelete("Support");
        await client.mailboxCreate("Support");
        for (const message of mails(tag, 1, 4)) await client.append("Support", message);
      } finally {
        await client.logout();
      }
      await expectExactlyOnce(inbox.id, tag, 4);
      const after = (await imapOf(inbox.id)).status;
      expect(after.uidValidity).not.toBe(before.uidValidity);
      expect(after.uidValidityChangedAt).not.toBeNull();
      expect(after.lastUid).toBe(4);
      const events = await t.ctx.db.query<{ payload: { previous: number } }>(
        "SELECT payload FROM events WHERE type = 'inbox.imap_uidvalidity_changed' AND payload->>'inboxId' = $1",
        [inbox.id],
      );
      expect(events.map((e) => e.payload.previous)).toEqual([before.uidValidity]);
      expect(logs.join("\n")).toMatch(/UIDVALIDITY of "Support" changed/);
    });

    it("stores every message exactly once when the connection drops in the middle of a fetch", async () => {
      const { user, password } = newUser();
      const tag = `drop${short()}`;
      const body = "x".repeat(40_000);
      await server.append(
        user,
        "INBOX",
        Array.from({ length: 40 }, (_, k) => mail(tag, k + 1, `${body} ${k}`)),
      );
      const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
      proxies.push(proxy);
      const inbox = await imapInbox({ username: user, password, port: proxy.port });
      let stored = 0;
      startFetchers({
        batchSize: 10,
        onStored: () => {
          jobs.poke();
          stored++;
          // Twice, in the middle of a batch: the connection dies, and comes back a moment later.
          if (stored === 7 || stored === 23) {
            proxy.cut();
            setTimeout(() => proxy.restore(), 300);
          }
        },
      });
      await expectExactlyOnce(inbox.id, tag, 40);
      expect(logs.filter((line) => line.includes("connection_lost")).length).toBeGreaterThanOrEqual(2);
      await eventually(async () => (await imapOf(inbox.id)).status.state).toBe("ok");
    });

    it("shows a stalled fetch as stuck in /healthz, then cuts it and finishes the mailbox", async () => {
      const { user, password } = newUser();
      const tag = `stall${short()}`;
      await server.append(user, "INBOX", mails(tag, 1, 12));
      const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
      proxies.push(proxy);
      const inbox = await imapInbox({ username: user, password, port: proxy.port });
      let stored = 0;
      startFetchers({
        batchSize: 4,
        stuckMs: 1_500,
        onStored: () => {
          jobs.poke();
          if (++stored === 2) proxy.stall();
        },
      });
      await eventually(
        async () =>
          (await api.get<{ imap?: { problems: { inboxId: string; state: string }[] } }>("/healthz", null))
            .body.imap?.problems,
      ).toContainEqual(expect.objectContaining({ inboxId: inbox.id, state: "stuck" }));
      expect((await imapOf(inbox.id)).status.state).toBe("stuck");
      // The fetcher cuts the silent connection itself; the network comes back.
      await eventually(() => logs.some((line) => line.includes("stalled"))).toBe(true);
      proxy.restore();
      await expectExactlyOnce(inbox.id, tag, 12);
      await eventually(async () => (await imapOf(inbox.id)).status.state).toBe("ok");
    });

    it("leaves a message over 25 MB in the mailbox by its size, with a note, and fetches the others", async () => {
      const { user, password } = newUser();
      const tag = `big${short()}`;
      const big = mail(tag, 2, "y".repeat(25 * 1024 * 1024 + 10));
      await server.append(user, "INBOX", [mail(tag, 1), big, mail(tag, 3)]);
      const inbox = await imapInbox({ username: user, password, afterFetch: "seen" });
      const fetchers = startFetchers();
      await eventually(async () => (await imapOf(inbox.id)).status.lastUid).toBe(3);
      await eventually(() => countConversations(inbox.id)).toBe(2);
      const conversations = await conversationsOf(inbox.id);
      expect([...conversations.keys()].sort()).toEqual([`${tag} order 1`, `${tag} order 3`]);
      const status = (await imapOf(inbox.id)).status;
      expect(status.skippedCount).toBe(1);
      expect(status.lastSkipped).toMatch(/UID 2 \(25\.0 MB\).*left in the mailbox and not fetched/);
      expect(logs.join("\n")).toMatch(/skipped UID 2 .*larger than 25\.0 MB/);
      const events = await t.ctx.db.query<{ payload: { uid: number; size: number } }>(
        "SELECT payload FROM events WHERE type = 'email.skipped' AND payload->>'inboxId' = $1",
        [inbox.id],
      );
      expect(events.map((e) => [e.payload.uid, e.payload.size])).toEqual([[2, big.length]]);

      // Never downloaded (Dovecot counts what it sent), and not marked as read like the others were.
      const client = await server.connect(user, password);
      try {
        await client.mailboxOpen("INBOX");
        const flags = await client.fetchAll("1:*", { uid: true, flags: true }, { uid: true });
        expect(flags.map((m) => [m.uid, m.flags?.has("\\Seen")])).toEqual([
          [1, true],
          [2, false],
          [3, true],
        ]);
      } finally {
        await client.logout();
      }
      // Every session of this user (the test's APPEND and flag check, the fetcher's) sent little.
      await fetchers.stop();
      const sessions = () => [
        ...server.log().matchAll(new RegExp(`imap\\(${user}\\).*Disconnected.* out=(\\d+)`, "g")),
      ];
      await eventually(() => sessions().length).toBeGreaterThanOrEqual(3);
      for (const match of sessions()) expect(Number(match[1])).toBeLessThan(1024 * 1024);
    });

    it("shows a wrong password in the inbox's fetch status and in /healthz, and recovers once it is fixed", async () => {
      const { user, password } = newUser();
      const tag = `auth${short()}`;
      await server.append(user, "INBOX", mails(tag, 1, 1));
      const inbox = await imapInbox({ username: user, password: "wrong password" });
      startFetchers();
      await eventually(async () => (await imapOf(inbox.id)).status.state).toBe("failing");
      const status = (await imapOf(inbox.id)).status;
      expect(status.lastErrorCode).toBe("auth_failed");
      expect(status.lastError).toMatch(/Authentication failed/i);
      expect(status.failingSince).not.toBeNull();
      expect(JSON.stringify(status)).not.toContain("wrong password");

      const health = await api.get<{
        status: string;
        failing: string;
        imap: { problems: { inboxId: string; state: string; code: string }[] };
      }>("/healthz", null);
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: "degraded", failing: "imap" });
      expect(health.body.imap.problems).toContainEqual(
        expect.objectContaining({ inboxId: inbox.id, state: "failing", code: "auth_failed" }),
      );

      // The admin fixes the password: the running fetchers pick it up without a restart.
      const patched = await api.patch<TInbox>(`/api/v1/inboxes/${inbox.id}`, owner, { imap: { password } });
      expect(patched.status).toBe(200);
      await expectExactlyOnce(inbox.id, tag, 1);
      await eventually(async () => (await imapOf(inbox.id)).status.state).toBe("ok");
      await eventually(async () => (await api.get<{ status: string }>("/healthz", null)).body.status).toBe(
        "ok",
      );
    });

    it("marks fetched messages as seen", async () => {
      const { user, password } = newUser();
      const tag = `seen${short()}`;
      await server.append(user, "INBOX", mails(tag, 1, 3));
      const inbox = await imapInbox({ username: user, password, afterFetch: "seen" });
      startFetchers();
      await expectExactlyOnce(inbox.id, tag, 3);
      const client = await server.connect(user, password);
      try {
        await client.mailboxOpen("INBOX");
        await eventually(async () => {
          const flags = await client.fetchAll("1:*", { uid: true, flags: true }, { uid: true });
          return flags.filter((m) => m.flags?.has("\\Seen")).length;
        }).toBe(3);
      } finally {
        await client.logout();
      }
    });

    it("moves fetched messages to a folder, creating it when missing", async () => {
      const { user, password } = newUser();
      const tag = `move${short()}`;
      await server.append(user, "INBOX", mails(tag, 1, 3));
      const inbox = await imapInbox({ username: user, password, afterFetch: "move", moveTo: "Processed" });
      startFetchers();
      await expectExactlyOnce(inbox.id, tag, 3);
      const client = await server.connect(user, password);
      try {
        // STATUS of a folder that is not there yet fails: that counts as "not moved yet".
        const count = (path: string) =>
          client.status(path, { messages: true }).then(
            (status) => (status ? status.messages : null),
            () => null,
          );
        await eventually(async () => [await count("INBOX"), await count("Processed")]).toEqual([0, 3]);
      } finally {
        await client.logout();
      }
      // New mail is moved as well; what was moved is never fetched again.
      await server.append(user, "INBOX", mails(tag, 4, 4));
      await expectExactlyOnce(inbox.id, tag, 4);
    });

    it("logs in with an OAuth2 access token (XOAUTH2)", async () => {
      const token = `ya29.${short()}${short()}`;
      const { user } = newUser(token);
      const tag = `oauth${short()}`;
      await server.append(user, "INBOX", mails(tag, 1, 2));
      const inbox = await imapInbox({ username: user, accessToken: token });
      expect(inbox.imap).toMatchObject({ authMethod: "xoauth2", hasAccessToken: true, hasPassword: false });
      startFetchers();
      await expectExactlyOnce(inbox.id, tag, 2);
      // Dovecot says how each login was made: ours was XOAUTH2 (the test's own APPEND used PLAIN).
      const logins = server
        .log()
        .split("\n")
        .filter((line) => line.includes(`Login: user=<${user}>`));
      expect(logins.some((line) => line.includes("method=XOAUTH2"))).toBe(true);
    });

    it("lets only one of two workers fetch a mailbox, and the other take over when it stops", async () => {
      const { user, password } = newUser();
      const tag = `lease${short()}`;
      await server.append(user, "INBOX", mails(tag, 1, 30));
      const inbox = await imapInbox({ username: user, password });
      const a = startFetchers({ owner: "worker-a", batchSize: 5 });
      const b = startFetchers({ owner: "worker-b", batchSize: 5 });
      await expectExactlyOnce(inbox.id, tag, 30);
      const holder = (
        await t.ctx.db.query<{ lease_owner: string }>(
          "SELECT lease_owner FROM inbox_imap WHERE inbox_id = $1",
          [inbox.id],
        )
      )[0]!.lease_owner;
      expect(["worker-a", "worker-b"]).toContain(holder);

      // The holder stops (gives its lease up); the other takes over the next mail.
      await (holder === "worker-a" ? a : b).stop();
      const other = holder === "worker-a" ? "worker-b" : "worker-a";
      await eventually(
        async () =>
          (
            await t.ctx.db.query<{ lease_owner: string }>(
              "SELECT lease_owner FROM inbox_imap WHERE inbox_id = $1",
              [inbox.id],
            )
          )[0]!.lease_owner,
      ).toBe(other);
      await server.append(user, "INBOX", mails(tag, 31, 32));
      await expectExactlyOnce(inbox.id, tag, 32);
    });

    it("stops fetching an inbox whose IMAP settings are turned off", async () => {
      const { user, password } = newUser();
      const tag = `off${short()}`;
      await server.append(user, "INBOX", mails(tag, 1, 1));
      const inbox = await imapInbox({ username: user, password });
      startFetchers();
      await expectExactlyOnce(inbox.id, tag, 1);
      const off = await api.patch<TInbox>(`/api/v1/inboxes/${inbox.id}`, owner, {
        imap: { isEnabled: false },
      });
      expect(off.body.imap?.status.state).toBe("disabled");
      await eventually(
        async () =>
          (
            await t.ctx.db.query<{ lease_owner: string | null }>(
              "SELECT lease_owner FROM inbox_imap WHERE inbox_id = $1",
              [inbox.id],
            )
          )[0]!.lease_owner,
      ).toBeNull();
      await server.append(user, "INBOX", mails(tag, 2, 2));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await countStored(inbox.id)).toBe(1);
    });
  },
);

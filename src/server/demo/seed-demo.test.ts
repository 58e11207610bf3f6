import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { HttpError } from "../lib/errors.js";
import { seedDemo, type DemoResult } from "./seed-demo.js";

let t: TestDatabase;
let result: DemoResult;
let now: number;

beforeAll(async () => {
  t = await createTestDatabase();
  now = Date.now();
  result = await seedDemo(t.db, { conversations: 40 });
});
afterAll(() => t.close());

describe("seedDemo", () => {
  it("creates the workspace's users with every role", () => {
    expect(result.users.map((u) => u.role).sort()).toEqual(["admin", "agent", "agent", "agent", "owner"]);
  });

  it("creates an inbox of each channel kind", async () => {
    const rows = await t.db.query<{ channel: string }>(
      "SELECT channel FROM inboxes WHERE workspace_id = $1 ORDER BY channel",
      [result.workspaceId],
    );
    expect(rows.map((r) => r.channel)).toEqual(["api", "chat", "email", "phone"]);
  });

  it("writes conversations in all four languages, with every status, over the last 60 days", async () => {
    const rows = await t.db.query<{ language: string; status: string; created_at: Date }>(
      "SELECT language, status, created_at FROM conversations WHERE workspace_id = $1",
      [result.workspaceId],
    );
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.language))).toEqual(new Set(["en", "ru", "hr", "sk"]));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["open", "pending", "snoozed", "resolved"]));
    for (const row of rows) {
      expect(row.created_at.getTime()).toBeLessThanOrEqual(now);
      expect(now - row.created_at.getTime()).toBeLessThan(61 * 24 * 3600_000);
    }
  });

  it("adds replies, notes, tags and returning customers", async () => {
    const kinds = await t.db.query<{ kind: string }>(
      "SELECT DISTINCT kind FROM messages WHERE workspace_id = $1 ORDER BY kind",
      [result.workspaceId],
    );
    expect(kinds.map((k) => k.kind)).toEqual(["activity", "incoming", "note", "outgoing"]);
    const tagged = await t.db.query<{ n: number }>(
      "SELECT count(DISTINCT conversation_id) AS n FROM conversation_tags WHERE workspace_id = $1",
      [result.workspaceId],
    );
    expect(tagged[0]!.n).toBeGreaterThan(10);
    const customers = await t.db.query<{ n: number }>(
      "SELECT count(*) AS n FROM customers WHERE workspace_id = $1",
      [result.workspaceId],
    );
    expect(customers[0]!.n).toBeLessThan(40);
    // The demo's replies are history: delivered, not queued.
    const queued = await t.db.query<{ n: number }>(
      "SELECT count(*) AS n FROM messages WHERE workspace_id = $1 AND kind = 'outgoing' AND delivery_status <> 'sent'",
      [result.workspaceId],
    );
    expect(queued[0]!.n).toBe(0);
  });

  it("creates two teams with members and routes conversations to them by contact reason", async () => {
    const teams = await t.db.query<{ name: string; members: number; conversations: number }>(
      `SELECT t.name,
              (SELECT count(*) FROM team_members m WHERE m.team_id = t.id)::int AS members,
              (SELECT count(*) FROM conversations c WHERE c.team_id = t.id)::int AS conversations
         FROM teams t WHERE t.workspace_id = $1 ORDER BY t.name`,
      [result.workspaceId],
    );
    expect(teams.map((team) => team.name)).toEqual(["Billing", "Orders & delivery"]);
    for (const team of teams) {
      expect(team.members).toBe(2);
      expect(team.conversations).toBeGreaterThan(0);
    }
  });

  it("keeps folder counts equal to the conversations they count", async () => {
    const counted = await t.db.query<{ status: string; n: number }>(
      "SELECT status, sum(count)::int AS n FROM folder_counts WHERE workspace_id = $1 GROUP BY status",
      [result.workspaceId],
    );
    const actual = await t.db.query<{ status: string; n: number }>(
      "SELECT status, count(*)::int AS n FROM conversations WHERE workspace_id = $1 GROUP BY status",
      [result.workspaceId],
    );
    const asMap = (rows: { status: string; n: number }[]) =>
      Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.status, r.n]));
    expect(asMap(counted)).toEqual(asMap(actual));
  });

  it("refuses to run twice with a clear message", async () => {
    await expect(seedDemo(t.db, { conversations: 1 })).rejects.toThrow(HttpError);
    await expect(seedDemo(t.db, { conversations: 1 })).rejects.toThrow(/already exists/);
  });
});

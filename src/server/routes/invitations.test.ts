import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient, type ApiResponse } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, uniqueEmail, type TestActor } from "../../../test/helpers/factories.js";
import { buildInvitation } from "../../../test/helpers/factories-accounts.js";
import { simpleParser } from "mailparser";
import { hashToken } from "../lib/ids.js";

interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}
interface InvitationBody {
  id: string;
  email: string;
  name: string | null;
  role: string;
  expiresAt: string;
  url: string;
  abilities: { revoke: boolean };
}
interface LookupBody {
  email: string;
  role: string;
  workspaceName: string;
}
interface UserBody {
  user: { id: string; email: string; role: string; name: string; language: string };
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let admin: TestActor;
let agent: TestActor;
let stranger: TestActor;
let workspaceName: string;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const a = await buildWorkspace(t.ctx, { name: "Acme Support" });
  owner = a.owner;
  workspaceName = a.workspace.name;
  admin = await buildAgent(t.ctx, a.workspace.id, { role: "admin" });
  agent = await buildAgent(t.ctx, a.workspace.id);
  stranger = (await buildWorkspace(t.ctx)).owner;
});
afterAll(() => t.close());

let ipCounter = 0;
/**
 * An anonymous request from its own address (the public routes are rate-limited per address), from
 * Heed's own pages as the browser would send it.
 */
async function anonymous<T>(
  method: "GET" | "POST",
  url: string,
  body?: unknown,
  ip = `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`,
) {
  const response = await t.app.inject({
    method,
    url,
    remoteAddress: ip,
    headers: { origin: TEST_ORIGIN },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return {
    status: response.statusCode,
    body: response.json() as T,
    headers: response.headers,
    cookies: response.cookies,
  };
}

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
const lookup = (token: string) =>
  anonymous<LookupBody & ErrorBody>("GET", `/api/v1/invitations/lookup?token=${encodeURIComponent(token)}`);
const accept = (token: string, extra: Record<string, unknown> = {}) =>
  anonymous<UserBody & ErrorBody>("POST", "/api/v1/invitations/accept", {
    token,
    name: "Iva Invitee",
    password: "invitee password",
    ...extra,
  });

const lastEvent = async (workspaceId: string, type: string) => {
  const rows = await t.ctx.db.query<{ actor_user_id: string | null; payload: Record<string, unknown> }>(
    "SELECT actor_user_id, payload FROM events WHERE workspace_id = $1 AND type = $2 ORDER BY id DESC LIMIT 1",
    [workspaceId, type],
  );
  return rows[0];
};

describe("POST /api/v1/invitations", () => {
  it("returns 401 without credentials", async () => {
    const response = await api.post("/api/v1/invitations", null, { email: uniqueEmail(), role: "agent" });
    expect(response.status).toBe(401);
  });

  it("returns 403 for an agent, and for an admin inviting an admin", async () => {
    expect(
      (await api.post("/api/v1/invitations", agent, { email: uniqueEmail(), role: "agent" })).status,
    ).toBe(403);
    const response = await api.post<ErrorBody>("/api/v1/invitations", admin, {
      email: uniqueEmail(),
      role: "admin",
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("forbidden");
  });

  it("invites with a 7-day link built from the public URL, shown only in this answer", async () => {
    const email = uniqueEmail("new");
    const response = await api.post<InvitationBody>("/api/v1/invitations", admin, {
      email,
      role: "agent",
      name: "Nina New",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      email,
      role: "agent",
      name: "Nina New",
      abilities: { revoke: true },
    });
    expect(response.body.url.startsWith(`${t.ctx.env.publicUrl}/invite?token=`)).toBe(true);
    const days = (Date.parse(response.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const token = tokenOf(response.body.url);
    const [row] = await t.ctx.db.query<{ token_hash: string }>(
      "SELECT token_hash FROM invitations WHERE id = $1",
      [response.body.id],
    );
    expect(row?.token_hash).toBe(hashToken(token));
    const event = await lastEvent(owner.workspaceId, "invitation.created");
    expect(event).toMatchObject({
      actor_user_id: admin.user.id,
      payload: { invitationId: response.body.id, email },
    });
    expect(JSON.stringify(event)).not.toContain(token);
    const list = await api.get("/api/v1/invitations", owner);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(list.body)).not.toContain(row!.token_hash);
  });

  it("emails the link to the invitee in the workspace's language, as automatic mail", async () => {
    const email = uniqueEmail("mailed");
    await t.ctx.db.query("UPDATE workspaces SET default_language = 'hr' WHERE id = $1", [owner.workspaceId]);
    const response = await api.post<InvitationBody>("/api/v1/invitations", admin, {
      email,
      role: "agent",
      name: "Nina <b>Nova</b>",
    });
    await t.ctx.db.query("UPDATE workspaces SET default_language = 'en' WHERE id = $1", [owner.workspaceId]);
    const [mail] = await t.ctx.db.query<{
      envelope_to: string;
      envelope_from: string;
      raw: Buffer;
      status: string;
    }>(
      "SELECT envelope_to, envelope_from, raw, status FROM outgoing_emails WHERE purpose = 'invitation' AND envelope_to = $1",
      [email],
    );
    expect(mail).toMatchObject({ envelope_to: email, envelope_from: "heed@localhost", status: "queued" });
    const parsed = await simpleParser(Buffer.from(mail!.raw));
    expect(parsed.subject).toContain("vas poziva u Acme Support");
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expect(parsed.text).toContain("Pozdrav, Nina <b>Nova</b>,");
    expect(parsed.text).toContain(response.body.url);
    expect(parsed.html).toContain("Nina &lt;b&gt;Nova&lt;/b&gt;");
    expect(parsed.html).toContain(`href="${response.body.url.replace(/&/g, "&amp;")}"`);
  });

  it("does not send the mail of an invitation revoked or replaced before it left", async () => {
    const email = uniqueEmail("revoked");
    const first = await api.post<InvitationBody>("/api/v1/invitations", admin, { email, role: "agent" });
    const second = await api.post<InvitationBody>("/api/v1/invitations", admin, { email, role: "agent" });
    const statuses = async () =>
      (
        await t.ctx.db.query<{ status: string }>(
          "SELECT status FROM outgoing_emails WHERE purpose = 'invitation' AND envelope_to = $1 ORDER BY created_at",
          [email],
        )
      ).map((row) => row.status);
    expect(await statuses()).toEqual(["failed", "queued"]);
    expect(first.status).toBe(201);
    expect((await api.delete(`/api/v1/invitations/${second.body.id}`, admin)).status).toBe(204);
    expect(await statuses()).toEqual(["failed", "failed"]);
  });

  it("lets an owner invite an admin", async () => {
    const response = await api.post<InvitationBody>("/api/v1/invitations", owner, {
      email: uniqueEmail(),
      role: "admin",
    });
    expect(response.status).toBe(201);
    expect(response.body.role).toBe("admin");
  });

  it("returns 409 when a user with that email exists, in any workspace and any case", async () => {
    for (const email of [agent.user.email.toUpperCase(), stranger.user.email]) {
      const response = await api.post<ErrorBody>("/api/v1/invitations", owner, { email, role: "agent" });
      expect(response.status).toBe(409);
    }
  });

  it("replaces the pending invitation for the same email: the older link stops working", async () => {
    const email = uniqueEmail();
    const first = await api.post<InvitationBody>("/api/v1/invitations", owner, { email, role: "agent" });
    const second = await api.post<InvitationBody>("/api/v1/invitations", owner, { email, role: "agent" });
    expect((await lookup(tokenOf(first.body.url))).status).toBe(404);
    expect((await lookup(tokenOf(second.body.url))).status).toBe(200);
  });

  it("answers 400 naming the field for a bad email, the owner role and fields that must not be written", async () => {
    const email = await api.post<ErrorBody>("/api/v1/invitations", owner, {
      email: "not-an-email",
      role: "agent",
    });
    expect(email.status).toBe(400);
    expect(email.body.error.details?.[0]?.field).toBe("email");
    const role = await api.post<ErrorBody>("/api/v1/invitations", owner, {
      email: uniqueEmail(),
      role: "owner",
    });
    expect(role.body.error.details?.[0]?.field).toBe("role");
    for (const field of ["workspaceId", "token", "expiresAt"]) {
      const response = await api.post<ErrorBody>("/api/v1/invitations", owner, {
        email: uniqueEmail(),
        role: "agent",
        [field]: "x",
      });
      expect(response.status).toBe(400);
      expect(response.body.error.details?.[0]?.field).toBe(field);
    }
  });
});

describe("GET /api/v1/invitations", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/invitations", null)).status).toBe(401);
  });

  it("returns 403 for an agent", async () => {
    expect((await api.get("/api/v1/invitations", agent)).status).toBe(403);
  });

  it("lists only the workspace's pending invitations, newest first", async () => {
    const pending = await buildInvitation(t.ctx, owner.workspaceId);
    const expired = await buildInvitation(t.ctx, owner.workspaceId, { expiresInHours: -1 });
    const accepted = await buildInvitation(t.ctx, owner.workspaceId, { state: "accepted" });
    const revoked = await buildInvitation(t.ctx, owner.workspaceId, { state: "revoked" });
    const foreign = await buildInvitation(t.ctx, stranger.workspaceId);
    const newest = await buildInvitation(t.ctx, owner.workspaceId);
    const response = await api.get<{ data: InvitationBody[] }>("/api/v1/invitations?limit=100", admin);
    expect(response.status).toBe(200);
    const ids = response.body.data.map((i) => i.id);
    expect(ids.indexOf(newest.invitation.id)).toBeLessThan(ids.indexOf(pending.invitation.id));
    for (const gone of [expired, accepted, revoked, foreign]) expect(ids).not.toContain(gone.invitation.id);
  });

  it("pages with nextCursor", async () => {
    for (let i = 0; i < 3; i++) await buildInvitation(t.ctx, owner.workspaceId);
    const all = await api.get<{ data: InvitationBody[] }>("/api/v1/invitations?limit=100", owner);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse<{ data: InvitationBody[]; nextCursor: string | null }> = await api.get(
        `/api/v1/invitations?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        owner,
      );
      seen.push(...page.body.data.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.data.map((i) => i.id));
    const bad = await api.get<ErrorBody>("/api/v1/invitations?cursor=xyz", owner);
    expect(bad.body.error.details?.[0]?.field).toBe("cursor");
  });

  it("tells an admin which invitations they may revoke", async () => {
    const forAdmin = await buildInvitation(t.ctx, owner.workspaceId, { role: "admin" });
    const forAgent = await buildInvitation(t.ctx, owner.workspaceId, { role: "agent" });
    const response = await api.get<{ data: InvitationBody[] }>("/api/v1/invitations?limit=100", admin);
    const byId = new Map(response.body.data.map((i) => [i.id, i.abilities.revoke]));
    expect(byId.get(forAdmin.invitation.id)).toBe(false);
    expect(byId.get(forAgent.invitation.id)).toBe(true);
  });
});

describe("DELETE /api/v1/invitations/:id", () => {
  it("returns 401 without credentials", async () => {
    const { invitation } = await buildInvitation(t.ctx, owner.workspaceId);
    expect((await api.delete(`/api/v1/invitations/${invitation.id}`, null)).status).toBe(401);
  });

  it("returns 404 for another workspace's invitation, which keeps working", async () => {
    const { invitation, token } = await buildInvitation(t.ctx, stranger.workspaceId);
    expect((await api.delete(`/api/v1/invitations/${invitation.id}`, owner)).status).toBe(404);
    expect((await lookup(token)).status).toBe(200);
  });

  it("returns 403 for an agent, and for an admin revoking an admin's invitation", async () => {
    const forAgent = await buildInvitation(t.ctx, owner.workspaceId);
    expect((await api.delete(`/api/v1/invitations/${forAgent.invitation.id}`, agent)).status).toBe(403);
    const forAdmin = await buildInvitation(t.ctx, owner.workspaceId, { role: "admin" });
    expect((await api.delete(`/api/v1/invitations/${forAdmin.invitation.id}`, admin)).status).toBe(403);
  });

  it("revokes: the link stops working at once, with an invitation.revoked event", async () => {
    const { invitation, token } = await buildInvitation(t.ctx, owner.workspaceId);
    expect((await api.delete(`/api/v1/invitations/${invitation.id}`, admin)).status).toBe(204);
    expect((await lookup(token)).status).toBe(404);
    expect((await accept(token)).status).toBe(404);
    expect((await api.delete(`/api/v1/invitations/${invitation.id}`, admin)).status).toBe(404);
    const event = await lastEvent(owner.workspaceId, "invitation.revoked");
    expect(event?.payload).toMatchObject({ invitationId: invitation.id });
  });

  it("answers 400 naming id for an id that is not a uuid", async () => {
    const response = await api.delete<ErrorBody>("/api/v1/invitations/1", owner);
    expect(response.body.error.details?.[0]?.field).toBe("id");
  });
});

describe("GET /api/v1/invitations/lookup", () => {
  it("tells the invitee what the link is for, without signing in", async () => {
    const { token, invitation } = await buildInvitation(t.ctx, owner.workspaceId, { role: "admin" });
    const response = await lookup(token);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ email: invitation.email, role: "admin", workspaceName });
    expect(JSON.stringify(response.body)).not.toMatch(/token|hash|invitedBy/i);
  });

  it("answers the same 404 for an unknown, used, expired or revoked link", async () => {
    const answers = [
      await lookup("no-such-token"),
      await lookup((await buildInvitation(t.ctx, owner.workspaceId, { state: "accepted" })).token),
      await lookup((await buildInvitation(t.ctx, owner.workspaceId, { expiresInHours: -0.01 })).token),
      await lookup((await buildInvitation(t.ctx, owner.workspaceId, { state: "revoked" })).token),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(answers[0]!.body);
    }
  });

  it("answers 400 naming token when it is missing", async () => {
    const response = await anonymous<ErrorBody>("GET", "/api/v1/invitations/lookup");
    expect(response.status).toBe(400);
    expect(response.body.error.details?.[0]?.field).toBe("token");
  });

  it("rate-limits guessing with 429 and Retry-After", async () => {
    let last = await anonymous("GET", "/api/v1/invitations/lookup?token=guess", undefined, "192.0.2.7");
    for (let i = 0; i < 20; i++) {
      last = await anonymous("GET", `/api/v1/invitations/lookup?token=guess${i}`, undefined, "192.0.2.7");
    }
    expect(last.status).toBe(429);
    expect(last.headers["retry-after"]).toBeDefined();
  });
});

describe("POST /api/v1/invitations/accept", () => {
  it("creates the user with the invited email and role, signs them in, and records events", async () => {
    const invited = await api.post<InvitationBody>("/api/v1/invitations", owner, {
      email: uniqueEmail("joiner"),
      role: "admin",
    });
    const response = await accept(tokenOf(invited.body.url), { role: "owner" });
    expect(response.status).toBe(400);
    expect(response.body.error.details?.[0]?.field).toBe("role");

    const accepted = await accept(tokenOf(invited.body.url), { language: "sk" });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({
      email: invited.body.email,
      role: "admin",
      name: "Iva Invitee",
      language: "sk",
    });
    const cookie = accepted.cookies.find((c) => c.name === "heed_session");
    expect(cookie?.httpOnly).toBe(true);
    const session = await api.get<UserBody>("/api/v1/session", `heed_session=${cookie?.value}`);
    expect(session.body.user.id).toBe(accepted.body.user.id);

    const event = await lastEvent(owner.workspaceId, "invitation.accepted");
    expect(event).toMatchObject({
      actor_user_id: accepted.body.user.id,
      payload: { invitationId: invited.body.id, userId: accepted.body.user.id },
    });
    expect(await lastEvent(owner.workspaceId, "user.created")).toMatchObject({
      actor_user_id: owner.user.id,
      payload: { userId: accepted.body.user.id, role: "admin" },
    });
    const list = await api.get<{ data: InvitationBody[] }>("/api/v1/invitations?limit=100", owner);
    expect(list.body.data.map((i) => i.id)).not.toContain(invited.body.id);
  });

  it("gives the new user the workspace's default language when none is chosen", async () => {
    await api.patch("/api/v1/workspace", owner, { defaultLanguage: "ru" });
    const { token } = await buildInvitation(t.ctx, owner.workspaceId);
    const response = await accept(token);
    expect(response.body.user.language).toBe("ru");
    await api.patch("/api/v1/workspace", owner, { defaultLanguage: "en" });
  });

  it("is single use: a second accept answers 404", async () => {
    const { token } = await buildInvitation(t.ctx, owner.workspaceId);
    expect((await accept(token)).status).toBe(201);
    const again = await accept(token, { name: "Someone else", password: "another password" });
    expect(again.status).toBe(404);
  });

  it("is single use under two concurrent accepts: one user, one 404", async () => {
    const { token, invitation } = await buildInvitation(t.ctx, owner.workspaceId);
    const results = await Promise.all([accept(token, { name: "First" }), accept(token, { name: "Second" })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 404]);
    const users = await t.ctx.db.query("SELECT id FROM users WHERE lower(email) = lower($1)", [
      invitation.email,
    ]);
    expect(users).toHaveLength(1);
  });

  it("answers the same 404 for an unknown, expired or revoked link", async () => {
    const answers = [
      await accept("no-such-token"),
      await accept((await buildInvitation(t.ctx, owner.workspaceId, { expiresInHours: -1 })).token),
      await accept((await buildInvitation(t.ctx, owner.workspaceId, { state: "revoked" })).token),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(answers[0]!.body);
    }
  });

  it("returns 409 when the email got an account meanwhile, and the invitation stays usable", async () => {
    const email = uniqueEmail("twice");
    const { token } = await buildInvitation(t.ctx, owner.workspaceId, { email });
    await buildAgent(t.ctx, stranger.workspaceId, { email });
    expect((await accept(token)).status).toBe(409);
    expect((await lookup(token)).status).toBe(200);
  });

  it("gives one account when two workspaces' invitations for one email are accepted at once", async () => {
    const email = uniqueEmail("sought-after");
    const ours = await buildInvitation(t.ctx, owner.workspaceId, { email });
    const theirs = await buildInvitation(t.ctx, stranger.workspaceId, { email });
    const results = await Promise.all([accept(ours.token), accept(theirs.token)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("answers 400 naming the field for a short password, a missing name and fields that must not be written", async () => {
    const { token } = await buildInvitation(t.ctx, owner.workspaceId);
    const short = await accept(token, { password: "short" });
    expect(short.status).toBe(400);
    expect(short.body.error.details?.[0]?.field).toBe("password");
    const noName = await anonymous<ErrorBody>("POST", "/api/v1/invitations/accept", {
      token,
      password: "long enough",
    });
    expect(noName.body.error.details?.[0]?.field).toBe("name");
    for (const field of ["email", "workspaceId"]) {
      const response = await accept(token, { [field]: "x" });
      expect(response.body.error.details?.[0]?.field).toBe(field);
    }
    expect((await lookup(token)).status).toBe(200);
  });

  it("refuses an accept posted from another site", async () => {
    const { token } = await buildInvitation(t.ctx, owner.workspaceId);
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/invitations/accept",
      headers: { origin: "https://evil.example" },
      payload: { token, name: "Eve", password: "eve password" },
    });
    expect(response.statusCode).toBe(403);
    expect((await lookup(token)).status).toBe(200);
  });

  it("rate-limits attempts from one address with 429", async () => {
    let last = await accept("guess", {});
    for (let i = 0; i < 21; i++) {
      last = await anonymous(
        "POST",
        "/api/v1/invitations/accept",
        { token: `guess${i}`, name: "G", password: "guess password" },
        "192.0.2.9",
      );
    }
    expect(last.status).toBe(429);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldOf, startApiTest, type ApiTest } from "../../../test/helpers/api-test.js";
import type { TSavedReply, TSavedReplyFolder } from "../presenters/saved-reply-presenter.js";

let s: ApiTest;
beforeAll(async () => {
  s = await startApiTest();
});
afterAll(() => s.t.close());

const url = "/api/v1/saved-reply-folders";
type Page = { data: TSavedReplyFolder[]; nextCursor: string | null };

describe("/api/v1/saved-reply-folders", () => {
  it("returns 401 without credentials", async () => {
    expect((await s.api.get(url, null)).status).toBe(401);
    expect((await s.api.post(url, null, { name: "x" })).status).toBe(401);
  });

  it("lists the starter folders to everyone, managed by owners and admins only", async () => {
    const [forAgent, forOwner] = await Promise.all([
      s.api.get<Page>(url, s.agent),
      s.api.get<Page>(url, s.owner),
    ]);
    expect(forAgent.body.data.length).toBeGreaterThan(0);
    expect(forAgent.body.data.map((f) => f.id)).toEqual(forOwner.body.data.map((f) => f.id));
    expect(forAgent.body.data.every((f) => !f.abilities.edit)).toBe(true);
    expect(forOwner.body.data.every((f) => f.abilities.edit && f.abilities.delete)).toBe(true);
    const names = forOwner.body.data.map((f) => f.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it("pages by name", async () => {
    const all = (await s.api.get<Page>(`${url}?limit=100`, s.owner)).body.data.map((f) => f.id);
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page: Page = (
        await s.api.get<Page>(`${url}?limit=2${cursor ? `&cursor=${cursor}` : ""}`, s.owner)
      ).body;
      seen.push(...page.data.map((f) => f.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it("creates, renames and deletes folders; their replies stay, unfiled", async () => {
    expect((await s.api.post(url, s.agent, { name: "Agents' folder" })).status).toBe(403);
    const created = await s.api.post<TSavedReplyFolder>(url, s.owner, { name: "  Shipping   issues " });
    expect([created.status, created.body.name]).toEqual([201, "Shipping issues"]);
    const folder = created.body;
    expect((await s.api.post(url, s.owner, { name: "SHIPPING ISSUES" })).status).toBe(409);
    const empty = await s.api.post(url, s.owner, { name: " " });
    expect([empty.status, fieldOf(empty.body)]).toEqual([400, "name"]);

    expect((await s.api.patch(`${url}/${folder.id}`, s.agent, { name: "x" })).status).toBe(403);
    expect((await s.api.patch(`${url}/${folder.id}`, s.stranger, { name: "x" })).status).toBe(404);
    const renamed = await s.api.patch<TSavedReplyFolder>(`${url}/${folder.id}`, s.owner, {
      name: "Delivery",
    });
    expect(renamed.body.name).toBe("Delivery");

    const reply = (
      await s.api.post<TSavedReply>("/api/v1/saved-replies", s.agent, {
        title: "Filed",
        scope: "personal",
        folderId: folder.id,
        variants: [{ lang: "en", body: "Hi" }],
      })
    ).body;
    expect(reply.folderId).toBe(folder.id);
    expect((await s.api.delete(`${url}/${folder.id}`, s.agent)).status).toBe(403);
    expect((await s.api.delete(`${url}/${folder.id}`, s.stranger)).status).toBe(404);
    expect((await s.api.delete(`${url}/${folder.id}`, s.owner)).status).toBe(204);
    const after = await s.api.get<TSavedReply>(`/api/v1/saved-replies/${reply.id}`, s.agent);
    expect([after.status, after.body.folderId]).toEqual([200, null]);
  });
});

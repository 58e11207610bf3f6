import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { ownerActor } from "../../../test/helpers/factories-conversations.js";
import type { StarterLibrary, TStarterFile } from "../saved-replies/starter.js";
import { createSavedReply } from "./create-saved-reply.js";
import { ensureSavedReplies } from "./ensure-saved-replies.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const file = (folder: string, title: string): TStarterFile => ({
  folders: [{ key: "orders", name: folder }],
  replies: [
    { key: "late", folder: "orders", title, shortcut: "late", body: `${title} {{ order.number | "" }}` },
    { key: "thanks", folder: null, title: `${title}!`, shortcut: null, body: "Thanks" },
  ],
});
const library: StarterLibrary = {
  en: file("Orders", "Late order"),
  ru: file("Заказы", "Заказ задерживается"),
  hr: file("Narudžbe", "Narudžba kasni"),
  sk: file("Objednávky", "Objednávka mešká"),
};

async function libraryOf(workspaceId: string) {
  return t.ctx.db.query<{ title: string; shortcut: string | null; folder: string | null; variants: number }>(
    `SELECT r.title, r.shortcut, f.name AS folder,
            (SELECT count(*)::int FROM saved_reply_variants v WHERE v.saved_reply_id = r.id) AS variants
       FROM saved_replies r LEFT JOIN saved_reply_folders f ON f.id = r.folder_id
      WHERE r.workspace_id = $1 AND r.starter_key IS NOT NULL ORDER BY r.id`,
    [workspaceId],
  );
}

describe("ensureSavedReplies", () => {
  it("seeds once, in the workspace's default language, however many requests race", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    await t.ctx.db.query("UPDATE workspaces SET default_language = 'hr' WHERE id = $1", [workspace.id]);
    await Promise.all(Array.from({ length: 5 }, () => ensureSavedReplies(t.ctx.db, workspace.id, library)));
    await ensureSavedReplies(t.ctx.db, workspace.id, library);
    expect(await libraryOf(workspace.id)).toEqual([
      { title: "Narudžba kasni", shortcut: "late", folder: "Narudžbe", variants: 4 },
      { title: "Narudžba kasni!", shortcut: null, folder: null, variants: 4 },
    ]);
    const [events] = await t.ctx.db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM events WHERE workspace_id = $1 AND type = 'saved_replies.seeded'",
      [workspace.id],
    );
    expect(events!.count).toBe(1);
  });

  it("leaves out a starter shortcut someone already uses", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const actor = await ownerActor(t.ctx, workspace.id);
    await createSavedReply(t.ctx.db, actor, {
      title: "My own",
      scope: "personal",
      shortcut: "LATE",
      variants: [{ lang: "en", body: "Mine" }],
    });
    await ensureSavedReplies(t.ctx.db, workspace.id, library);
    expect((await libraryOf(workspace.id))[0]).toMatchObject({ title: "Late order", shortcut: null });
  });

  it("finds searchable text in every language's body", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    await ensureSavedReplies(t.ctx.db, workspace.id, library);
    const rows = await t.ctx.db.query<{ search_text: string }>(
      "SELECT search_text FROM saved_replies WHERE workspace_id = $1 AND shortcut = 'late'",
      [workspace.id],
    );
    expect(rows[0]!.search_text).toContain("narudzba kasni");
    expect(rows[0]!.search_text).toContain("objednavka meska");
  });
});

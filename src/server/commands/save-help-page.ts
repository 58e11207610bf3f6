import { renderHelpMarkdown } from "../../help-center/render-markdown.js";
import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { recordEvent } from "../models/events.js";
import type { HelpLanguage } from "../models/help-categories.js";
import { upsertHelpPages, type HelpPageKind, type HelpPageRow } from "../models/help-pages.js";
import { authorizeManageHelpCenter } from "../policies/help-center-policy.js";

/**
 * Writes one language of the contact page's introduction or the complaint procedure (owners and
 * admins), rendered once for the public page. `help_page.updated`.
 */
export async function saveHelpPage(
  db: Database,
  actor: Actor,
  page: { kind: HelpPageKind; lang: HelpLanguage; title: string; body: string },
): Promise<HelpPageRow> {
  authorizeManageHelpCenter(actor);
  return db.transaction(async (tx) => {
    const [row] = await upsertHelpPages(tx, actor.workspaceId, [
      { ...page, bodyHtml: renderHelpMarkdown(page.body), updatedBy: actor.userId },
    ]);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_page.updated",
      actorUserId: actor.userId,
      payload: { kind: page.kind, lang: page.lang },
    });
    return row!;
  });
}

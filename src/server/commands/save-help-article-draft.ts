import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { slugify } from "../lib/slugify.js";
import { recordEvent } from "../models/events.js";
import { lockHelpArticle, saveHelpDraft, updateHelpArticleRow } from "../models/help-articles.js";
import type { HelpLanguage } from "../models/help-categories.js";
import { authorizeHelpArticle } from "../policies/help-center-policy.js";
import type { HelpArticleText } from "./create-help-article.js";

/**
 * Saves the draft of one language of an article, creating that translation; readers see it once it is
 * published. 404 for another workspace's or a deleted article, 403 unless the actor may edit it.
 * `help_article.draft_saved`.
 */
export async function saveHelpArticleDraft(
  db: Database,
  actor: Actor,
  id: string,
  lang: HelpLanguage,
  text: HelpArticleText,
): Promise<void> {
  await db.transaction(async (tx) => {
    const article = await lockHelpArticle(tx, actor.workspaceId, id);
    if (!article) throw notFound("Article");
    authorizeHelpArticle(actor, "edit", article);
    await saveHelpDraft(tx, actor.workspaceId, {
      articleId: id,
      lang,
      slug: slugify(text.title),
      title: text.title,
      description: text.description ?? "",
      keywords: text.keywords ?? "",
      body: text.body,
      userId: actor.userId,
    });
    await updateHelpArticleRow(tx, actor.workspaceId, id, {});
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_article.draft_saved",
      actorUserId: actor.userId,
      payload: { articleId: id, lang },
    });
  });
}

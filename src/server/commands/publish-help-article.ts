import { markdownToPlainText, renderHelpMarkdown } from "../../help-center/render-markdown.js";
import type { Actor } from "../context.js";
import type { Database, Queryable } from "../db/types.js";
import { HttpError, notFound } from "../lib/errors.js";
import { slugify } from "../lib/slugify.js";
import { recordEvent } from "../models/events.js";
import {
  findHelpTranslation,
  lockHelpArticle,
  publishHelpTranslation,
  unpublishHelpTranslation,
  updateHelpArticleRow,
  type HelpArticleTranslationRow,
} from "../models/help-articles.js";
import type { HelpLanguage } from "../models/help-categories.js";
import { bumpHelpContentVersion } from "../models/help-centers.js";
import { authorizeHelpArticle } from "../policies/help-center-policy.js";

/** The locked article's translation, after the actor's right to publish is checked. */
async function loadForPublishing(
  tx: Queryable,
  actor: Actor,
  id: string,
  lang: HelpLanguage,
): Promise<HelpArticleTranslationRow | undefined> {
  const article = await lockHelpArticle(tx, actor.workspaceId, id);
  if (!article) throw notFound("Article");
  authorizeHelpArticle(actor, "publish", article);
  return findHelpTranslation(tx, id, lang);
}

/**
 * Publishes the draft of one language: it becomes what readers see (rendered once, here) and the next
 * version in the history; the address follows the title. Search learns of it through the content
 * version. 409 `nothing_to_publish` when the language has no draft; a draft that is already the
 * published version changes nothing. `help_article.published`.
 */
export async function publishHelpArticle(
  db: Database,
  actor: Actor,
  id: string,
  lang: HelpLanguage,
): Promise<void> {
  await db.transaction(async (tx) => {
    const translation = await loadForPublishing(tx, actor, id, lang);
    if (!translation) throw new HttpError(409, "nothing_to_publish", `The article has no draft in ${lang}`);
    if (translation.status === "published") return;
    const indexVersion = await bumpHelpContentVersion(tx, actor.workspaceId);
    const version = await publishHelpTranslation(tx, id, lang, {
      slug: slugify(translation.draft_title),
      bodyHtml: renderHelpMarkdown(translation.draft_body),
      bodyText: markdownToPlainText(translation.draft_body),
      userId: actor.userId,
      indexVersion,
    });
    await updateHelpArticleRow(tx, actor.workspaceId, id, {});
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_article.published",
      actorUserId: actor.userId,
      payload: { articleId: id, lang, version },
    });
  });
}

/**
 * Takes one language off the public pages and out of search; its draft and history stay, and
 * publishing again makes the next version. A language that is not published changes nothing; one the
 * article does not have is a 404. `help_article.unpublished`.
 */
export async function unpublishHelpArticle(
  db: Database,
  actor: Actor,
  id: string,
  lang: HelpLanguage,
): Promise<void> {
  await db.transaction(async (tx) => {
    const translation = await loadForPublishing(tx, actor, id, lang);
    if (!translation) throw notFound("Translation");
    if (translation.status === "draft") return;
    await unpublishHelpTranslation(tx, id, lang, await bumpHelpContentVersion(tx, actor.workspaceId));
    await updateHelpArticleRow(tx, actor.workspaceId, id, {});
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_article.unpublished",
      actorUserId: actor.userId,
      payload: { articleId: id, lang },
    });
  });
}

import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import { lockHelpArticle, markHelpArticleDeleted, stampHelpTranslations } from "../models/help-articles.js";
import { bumpHelpContentVersion } from "../models/help-centers.js";
import { authorizeHelpArticle } from "../policies/help-center-policy.js";

/**
 * Deletes an article (owners and admins): it is archived, so its number never points at another
 * article and old links answer 404; search drops it through the content version. 404 for another
 * workspace's or an already deleted article. `help_article.deleted`.
 */
export async function deleteHelpArticle(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const article = await lockHelpArticle(tx, actor.workspaceId, id);
    if (!article) throw notFound("Article");
    authorizeHelpArticle(actor, "delete", article);
    await markHelpArticleDeleted(tx, actor.workspaceId, id);
    await stampHelpTranslations(tx, id, await bumpHelpContentVersion(tx, actor.workspaceId));
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_article.deleted",
      actorUserId: actor.userId,
      payload: { articleId: id, number: article.number },
    });
  });
}

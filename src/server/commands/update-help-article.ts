import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { invalid, notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import {
  lockHelpArticle,
  nextHelpArticlePosition,
  replaceHelpArticleTags,
  stampHelpTranslations,
  updateHelpArticleRow,
  type HelpArticlePatch,
} from "../models/help-articles.js";
import { bumpHelpContentVersion } from "../models/help-centers.js";
import { authorizeHelpArticleChange } from "../policies/help-center-policy.js";
import { checkHelpArticleRefs } from "./create-help-article.js";

/**
 * Changes an article's section, visibility, owner, review-by date, tags or position (agents on their
 * own articles, but not owner or visibility: 403). A new visibility reaches search (content version).
 * 404 for another workspace's or a deleted article. `help_article.updated`.
 */
export async function updateHelpArticle(
  db: Database,
  actor: Actor,
  id: string,
  patch: HelpArticlePatch & { tagIds?: string[] | undefined },
): Promise<void> {
  await db.transaction(async (tx) => {
    const article = await lockHelpArticle(tx, actor.workspaceId, id);
    if (!article) throw notFound("Article");
    authorizeHelpArticleChange(actor, article, patch);
    const isMoved = patch.sectionId !== undefined && patch.sectionId !== article.section_id;
    await checkHelpArticleRefs(tx, actor.workspaceId, {
      sectionId: isMoved ? patch.sectionId : undefined,
      ownerId: patch.ownerId !== article.owner_id ? patch.ownerId : undefined,
    });
    const { tagIds, ...fields } = patch;
    // Moved without a position: last in the new section.
    if (isMoved && fields.position === undefined)
      fields.position = await nextHelpArticlePosition(tx, actor.workspaceId, patch.sectionId ?? null);
    await updateHelpArticleRow(tx, actor.workspaceId, id, fields);
    if (tagIds) {
      const unique = [...new Set(tagIds)];
      const known = await tx.query("SELECT 1 FROM tags WHERE workspace_id = $1 AND id = ANY($2::uuid[])", [
        actor.workspaceId,
        unique,
      ]);
      if (known.length !== unique.length) throw invalid("tagIds", "must be tags of this workspace");
      await replaceHelpArticleTags(tx, actor.workspaceId, id, unique);
    }
    if (patch.visibility !== undefined && patch.visibility !== article.visibility)
      await stampHelpTranslations(tx, id, await bumpHelpContentVersion(tx, actor.workspaceId));
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_article.updated",
      actorUserId: actor.userId,
      payload: { articleId: id, fields: Object.keys(patch) },
    });
  });
}

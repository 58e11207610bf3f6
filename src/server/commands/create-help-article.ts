import type { Actor } from "../context.js";
import type { Database, Queryable } from "../db/types.js";
import { invalid } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { slugify } from "../lib/slugify.js";
import { recordEvent } from "../models/events.js";
import {
  insertHelpArticles,
  insertHelpTranslations,
  nextHelpArticlePosition,
  type HelpVisibility,
} from "../models/help-articles.js";
import { lockHelpSection, type HelpLanguage } from "../models/help-categories.js";
import { findUser } from "../models/users.js";
import { nextCounter } from "../models/workspaces.js";
import { authorizeCreateHelpArticle } from "../policies/help-center-policy.js";

export interface HelpArticleText {
  title: string;
  description?: string | undefined;
  keywords?: string | undefined;
  body: string;
}

export interface CreateHelpArticleInput extends HelpArticleText {
  sectionId: string | null;
  visibility?: HelpVisibility | undefined;
  ownerId?: string | null | undefined;
  reviewBy?: string | null | undefined;
  lang: HelpLanguage;
}

/**
 * Checks what an article points to, 400 naming the field: a section of this help center (locked until
 * commit, so it is not deleted meanwhile) and an owner who is an active user of the workspace.
 */
export async function checkHelpArticleRefs(
  tx: Queryable,
  workspaceId: string,
  refs: { sectionId?: string | null | undefined; ownerId?: string | null | undefined },
): Promise<void> {
  if (refs.sectionId && !(await lockHelpSection(tx, workspaceId, refs.sectionId, "share")))
    throw invalid("sectionId", "must be a section of this help center");
  if (refs.ownerId) {
    const user = await findUser(tx, workspaceId, refs.ownerId);
    if (!user?.is_active) throw invalid("ownerId", "must be an active user of this workspace");
  }
}

/**
 * Creates an article with a draft in one language (owners and admins); it is published separately.
 * The owner defaults to its author. Returns the new article's id. `help_article.created`.
 */
export async function createHelpArticle(
  db: Database,
  actor: Actor,
  input: CreateHelpArticleInput,
): Promise<string> {
  authorizeCreateHelpArticle(actor);
  const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
  return db.transaction(async (tx) => {
    await checkHelpArticleRefs(tx, actor.workspaceId, { sectionId: input.sectionId, ownerId });
    const id = newId();
    await insertHelpArticles(tx, actor.workspaceId, [
      {
        id,
        number: await nextCounter(tx, actor.workspaceId, "help_article"),
        sectionId: input.sectionId,
        position: await nextHelpArticlePosition(tx, actor.workspaceId, input.sectionId),
        visibility: input.visibility ?? "public",
        ownerId,
        reviewBy: input.reviewBy ?? null,
        starterKey: null,
        createdBy: actor.userId,
      },
    ]);
    await insertHelpTranslations(tx, actor.workspaceId, [
      {
        articleId: id,
        lang: input.lang,
        slug: slugify(input.title),
        title: input.title,
        description: input.description ?? "",
        keywords: input.keywords ?? "",
        body: input.body,
        userId: actor.userId,
        published: null,
      },
    ]);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_article.created",
      actorUserId: actor.userId,
      payload: { articleId: id, lang: input.lang },
    });
    return id;
  });
}

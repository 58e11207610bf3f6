import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { HttpError, notFound } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { slugify } from "../lib/slugify.js";
import { recordEvent } from "../models/events.js";
import {
  countHelpArticlesIn,
  deleteHelpCategoryRow,
  findHelpCategory,
  insertHelpCategories,
  lockHelpCategory,
  nextHelpCategoryPosition,
  updateHelpCategoryPosition,
  upsertHelpCategoryTranslations,
  type HelpCategoryRow,
  type HelpLanguage,
} from "../models/help-categories.js";
import { nextCounter } from "../models/workspaces.js";
import { authorizeManageHelpCenter } from "../policies/help-center-policy.js";

export type HelpCategoryTranslationsInput = Partial<
  Record<HelpLanguage, { name: string; description?: string | undefined }>
>;

/** Translation rows for the given languages; a missing description keeps the current one (or ""). */
function translationRows(
  categoryId: string,
  input: HelpCategoryTranslationsInput,
  current: HelpCategoryRow["translations"] = [],
) {
  return Object.entries(input).map(([lang, t]) => ({
    categoryId,
    lang: lang as HelpLanguage,
    name: t.name,
    description: t.description ?? current.find((c) => c.lang === lang)?.description ?? "",
    slug: slugify(t.name, "category"),
  }));
}

/** Creates a category (last in order), owners and admins; slugs come from the names. `help_category.created`. */
export async function createHelpCategory(
  db: Database,
  actor: Actor,
  input: { translations: HelpCategoryTranslationsInput },
): Promise<HelpCategoryRow> {
  authorizeManageHelpCenter(actor);
  return db.transaction(async (tx) => {
    const id = newId();
    const number = await nextCounter(tx, actor.workspaceId, "help_category");
    const position = await nextHelpCategoryPosition(tx, actor.workspaceId);
    await insertHelpCategories(tx, actor.workspaceId, [{ id, number, position, starterKey: null }]);
    await upsertHelpCategoryTranslations(tx, actor.workspaceId, translationRows(id, input.translations));
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_category.created",
      actorUserId: actor.userId,
      payload: { categoryId: id },
    });
    return (await findHelpCategory(tx, actor.workspaceId, id))!;
  });
}

/** Renames a category in some languages and/or moves it. 404 for another workspace's. `help_category.updated`. */
export async function updateHelpCategory(
  db: Database,
  actor: Actor,
  id: string,
  input: { translations?: HelpCategoryTranslationsInput | undefined; position?: number | undefined },
): Promise<HelpCategoryRow> {
  authorizeManageHelpCenter(actor);
  return db.transaction(async (tx) => {
    const current = await findHelpCategory(tx, actor.workspaceId, id);
    if (!current) throw notFound("Category");
    if (input.translations)
      await upsertHelpCategoryTranslations(
        tx,
        actor.workspaceId,
        translationRows(id, input.translations, current.translations),
      );
    if (input.position !== undefined)
      await updateHelpCategoryPosition(tx, actor.workspaceId, id, input.position);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_category.updated",
      actorUserId: actor.userId,
      payload: { categoryId: id },
    });
    return (await findHelpCategory(tx, actor.workspaceId, id))!;
  });
}

/**
 * Deletes a category with its sections; 409 `not_empty` while any of them holds an article (move or
 * delete those first). `help_category.deleted`.
 */
export async function deleteHelpCategory(db: Database, actor: Actor, id: string): Promise<void> {
  authorizeManageHelpCenter(actor);
  await db.transaction(async (tx) => {
    // Locks the category and its sections, so no article moves into one while we count.
    if (!(await lockHelpCategory(tx, actor.workspaceId, id, "update"))) throw notFound("Category");
    if ((await countHelpArticlesIn(tx, { categoryId: id })) > 0)
      throw new HttpError(409, "not_empty", "The category's sections still hold articles");
    await deleteHelpCategoryRow(tx, actor.workspaceId, id);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_category.deleted",
      actorUserId: actor.userId,
      payload: { categoryId: id },
    });
  });
}

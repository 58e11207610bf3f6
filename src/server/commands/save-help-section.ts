import type { Actor } from "../context.js";
import type { Database, Queryable } from "../db/types.js";
import { HttpError, invalid, notFound } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import {
  countHelpArticlesIn,
  deleteHelpSectionRow,
  findHelpSection,
  insertHelpSections,
  lockHelpCategory,
  lockHelpSection,
  nextHelpSectionPosition,
  updateHelpSectionRow,
  upsertHelpSectionTranslations,
  type HelpLanguage,
  type HelpSectionRow,
} from "../models/help-categories.js";
import { authorizeManageHelpCenter } from "../policies/help-center-policy.js";

export type HelpSectionTranslationsInput = Partial<Record<HelpLanguage, { name: string }>>;

const rowsOf = (sectionId: string, input: HelpSectionTranslationsInput) =>
  Object.entries(input).map(([lang, t]) => ({ sectionId, lang: lang as HelpLanguage, name: t.name }));

/** The category a section goes into must be the workspace's (400 naming categoryId); held until commit. */
async function lockTargetCategory(tx: Queryable, workspaceId: string, categoryId: string): Promise<void> {
  if (!(await lockHelpCategory(tx, workspaceId, categoryId, "share")))
    throw invalid("categoryId", "must be a category of this help center");
}

/** Creates a section, last in its category (owners and admins). `help_section.created`. */
export async function createHelpSection(
  db: Database,
  actor: Actor,
  input: { categoryId: string; translations: HelpSectionTranslationsInput },
): Promise<HelpSectionRow> {
  authorizeManageHelpCenter(actor);
  return db.transaction(async (tx) => {
    await lockTargetCategory(tx, actor.workspaceId, input.categoryId);
    const id = newId();
    const position = await nextHelpSectionPosition(tx, input.categoryId);
    await insertHelpSections(tx, actor.workspaceId, [
      { id, categoryId: input.categoryId, position, starterKey: null },
    ]);
    await upsertHelpSectionTranslations(tx, actor.workspaceId, rowsOf(id, input.translations));
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_section.created",
      actorUserId: actor.userId,
      payload: { sectionId: id, categoryId: input.categoryId },
    });
    return (await findHelpSection(tx, actor.workspaceId, id))!;
  });
}

/** Renames, moves to another category or reorders a section. 404 for another workspace's. `help_section.updated`. */
export async function updateHelpSection(
  db: Database,
  actor: Actor,
  id: string,
  input: {
    categoryId?: string | undefined;
    translations?: HelpSectionTranslationsInput | undefined;
    position?: number | undefined;
  },
): Promise<HelpSectionRow> {
  authorizeManageHelpCenter(actor);
  return db.transaction(async (tx) => {
    if (!(await findHelpSection(tx, actor.workspaceId, id))) throw notFound("Section");
    if (input.categoryId) await lockTargetCategory(tx, actor.workspaceId, input.categoryId);
    await updateHelpSectionRow(tx, actor.workspaceId, id, input);
    if (input.translations)
      await upsertHelpSectionTranslations(tx, actor.workspaceId, rowsOf(id, input.translations));
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_section.updated",
      actorUserId: actor.userId,
      payload: { sectionId: id },
    });
    return (await findHelpSection(tx, actor.workspaceId, id))!;
  });
}

/** Deletes a section; 409 `not_empty` while it holds articles. `help_section.deleted`. */
export async function deleteHelpSection(db: Database, actor: Actor, id: string): Promise<void> {
  authorizeManageHelpCenter(actor);
  await db.transaction(async (tx) => {
    if (!(await lockHelpSection(tx, actor.workspaceId, id, "update"))) throw notFound("Section");
    if ((await countHelpArticlesIn(tx, { sectionId: id })) > 0)
      throw new HttpError(409, "not_empty", "The section still holds articles");
    await deleteHelpSectionRow(tx, actor.workspaceId, id);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_section.deleted",
      actorUserId: actor.userId,
      payload: { sectionId: id },
    });
  });
}

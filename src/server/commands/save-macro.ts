import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import {
  deleteMacroRow,
  findMacro,
  insertMacro,
  updateMacroRow,
  type MacroActions,
  type MacroRow,
} from "../models/macros.js";
import type { SavedReplyScope } from "../models/saved-replies.js";
import {
  authorizeChangeScopedItem,
  authorizeCreateScopedItem,
  authorizeSeeScopedItem,
} from "../policies/saved-reply-policy.js";
import { checkMacroActions, checkMacroDoesSomething, checkMacroReply } from "./macro-input.js";

export interface CreateMacroInput {
  name: string;
  scope: SavedReplyScope;
  savedReplyId?: string | null;
  actions: MacroActions;
}

/**
 * Creates a macro (personal for anyone, shared for owners and admins) and writes `macro.created`.
 * Throws 403 for an agent creating a shared one and 400 naming the field for an action that cannot be
 * (see checkMacroActions), a saved reply not everyone who runs it sees, or a macro that does nothing.
 */
export async function createMacro(db: Database, actor: Actor, input: CreateMacroInput): Promise<MacroRow> {
  authorizeCreateScopedItem(actor, input.scope);
  return db.transaction(async (tx) => {
    const actions = await checkMacroActions(tx, actor.workspaceId, input.actions);
    const savedReplyId = input.savedReplyId ?? null;
    if (savedReplyId) await checkMacroReply(tx, actor, savedReplyId, input.scope);
    checkMacroDoesSomething(actions, savedReplyId);
    const macro = await insertMacro(tx, {
      id: newId(),
      workspaceId: actor.workspaceId,
      scope: input.scope,
      ownerId: input.scope === "personal" ? actor.userId : null,
      name: input.name,
      savedReplyId,
      actions,
      createdBy: actor.userId,
    });
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "macro.created",
      actorUserId: actor.userId,
      payload: { macroId: macro.id, scope: macro.scope },
    });
    return macro;
  });
}

/**
 * Changes a macro's name, scope, saved reply or actions (the complete set) and writes `macro.updated`.
 * Throws 404 for a macro the actor does not see, 403 when they may not edit it (or make it shared), and
 * 400 as createMacro.
 */
export async function updateMacro(
  db: Database,
  actor: Actor,
  id: string,
  input: Partial<CreateMacroInput>,
): Promise<MacroRow> {
  return db.transaction(async (tx) => {
    const before = authorizeSeeScopedItem(actor, await findMacro(tx, actor.workspaceId, id, true), "Macro");
    authorizeChangeScopedItem(actor, before, "edit", input.scope);
    const scope = input.scope ?? before.scope;
    const actions = input.actions ? await checkMacroActions(tx, actor.workspaceId, input.actions) : undefined;
    const savedReplyId = input.savedReplyId === undefined ? before.saved_reply_id : input.savedReplyId;
    if (savedReplyId && (input.savedReplyId !== undefined || scope !== before.scope))
      await checkMacroReply(tx, actor, savedReplyId, scope);
    checkMacroDoesSomething(actions ?? before.actions, savedReplyId);
    const isNewScope = scope !== before.scope;
    const macro = await updateMacroRow(tx, id, {
      name: input.name,
      scope: isNewScope ? scope : undefined,
      ownerId: isNewScope ? (scope === "personal" ? actor.userId : null) : undefined,
      savedReplyId: input.savedReplyId,
      actions,
    });
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "macro.updated",
      actorUserId: actor.userId,
      payload: { macroId: id, scope: macro.scope, previousScope: before.scope },
    });
    return macro;
  });
}

/** Deletes a macro and writes `macro.deleted`. Throws 404 (not seen) or 403 (may not delete). */
export async function deleteMacro(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const macro = authorizeSeeScopedItem(actor, await findMacro(tx, actor.workspaceId, id, true), "Macro");
    authorizeChangeScopedItem(actor, macro, "delete");
    await deleteMacroRow(tx, id);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "macro.deleted",
      actorUserId: actor.userId,
      payload: { macroId: id, scope: macro.scope },
    });
  });
}

import type { Actor } from "../context.js";
import type { Queryable } from "../db/types.js";
import { cleanNames } from "../lib/clean-names.js";
import { invalid } from "../lib/errors.js";
import type { MacroActions } from "../models/macros.js";
import { findSavedReply, type SavedReplyScope } from "../models/saved-replies.js";
import { findTeam } from "../models/teams.js";
import { findUser } from "../models/users.js";
import { canSeeScopedItem } from "../policies/saved-reply-policy.js";

/**
 * A macro's actions checked when it is saved, and kept key by key: tag names cleaned (none both added
 * and removed), the assignee an active user and the team a team of the workspace. Whether the assignee
 * sees a conversation's inbox is checked when the macro runs. Throws 400 naming `actions.<key>`.
 */
export async function checkMacroActions(
  tx: Queryable,
  workspaceId: string,
  actions: MacroActions,
): Promise<MacroActions> {
  const out: MacroActions = {};
  if (actions.addTags) out.addTags = cleanNames(actions.addTags);
  if (actions.removeTags) {
    out.removeTags = cleanNames(actions.removeTags);
    const added = new Set((out.addTags ?? []).map((name) => name.toLowerCase()));
    const both = out.removeTags.findIndex((name) => added.has(name.toLowerCase()));
    if (both !== -1) throw invalid(`actions.removeTags.${both}`, "is added by the same macro");
  }
  if (actions.status) out.status = actions.status;
  if (actions.priority) out.priority = actions.priority;
  if (actions.assigneeId !== undefined) {
    const user = actions.assigneeId ? await findUser(tx, workspaceId, actions.assigneeId) : null;
    if (actions.assigneeId && !user?.is_active)
      throw invalid("actions.assigneeId", "is not an active user of this workspace");
    out.assigneeId = actions.assigneeId;
  }
  if (actions.teamId !== undefined) {
    if (actions.teamId && !(await findTeam(tx, workspaceId, actions.teamId)))
      throw invalid("actions.teamId", "is not a team of this workspace");
    out.teamId = actions.teamId;
  }
  if (actions.followUpInHours !== undefined) out.followUpInHours = actions.followUpInHours;
  return out;
}

/**
 * Throws 400 `savedReplyId` unless everyone who may run the macro sees the reply: the actor sees it,
 * and a shared macro's reply is shared.
 */
export async function checkMacroReply(
  tx: Queryable,
  actor: Actor,
  savedReplyId: string,
  scope: SavedReplyScope,
): Promise<void> {
  const reply = await findSavedReply(tx, actor.workspaceId, savedReplyId);
  if (!reply || !canSeeScopedItem(actor, reply))
    throw invalid("savedReplyId", "is not a saved reply you can use");
  if (scope === "shared" && reply.scope !== "shared")
    throw invalid("savedReplyId", "must be a shared saved reply for a shared macro");
}

/** Throws 400 `actions` when a macro would do nothing at all: no action and no saved reply. */
export function checkMacroDoesSomething(actions: MacroActions, savedReplyId: string | null): void {
  if (Object.keys(actions).length === 0 && !savedReplyId)
    throw invalid("actions", "must hold an action, or the macro a saved reply");
}

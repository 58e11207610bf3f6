import { z } from "zod";
import type { MacroActions, MacroRow } from "../models/macros.js";
import type { ScopedAbilities } from "../policies/saved-reply-policy.js";
import { ZConversation } from "./conversation-presenter.js";
import { ZFilledReply, ZScope, ZScopedAbilities } from "./saved-reply-presenter.js";

/** Longest follow-up a macro may set: a year. */
export const MAX_FOLLOW_UP_HOURS = 24 * 366;

/** What a macro does; each key present is one action, absent keys leave that part alone. */
export const ZMacroActions = z.strictObject({
  addTags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  removeTags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  status: z.enum(["open", "pending", "resolved"]).optional(),
  priority: z.enum(["low", "normal", "high", "urgent"]).optional(),
  /** null unassigns. */
  assigneeId: z.uuid().nullable().optional(),
  /** null removes the team. */
  teamId: z.uuid().nullable().optional(),
  /** A follow-up this many hours after the macro runs (replaces a pending one). */
  followUpInHours: z.number().positive().max(MAX_FOLLOW_UP_HOURS).optional(),
});
export type TMacroActions = z.infer<typeof ZMacroActions>;

export const ZMacro = z.object({
  id: z.string(),
  name: z.string(),
  scope: ZScope,
  ownerId: z.string().nullable(),
  /** The saved reply put into the composer when the macro runs; null after that reply was deleted. */
  savedReplyId: z.string().nullable(),
  actions: ZMacroActions,
  usageCount: z.number(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: ZScopedAbilities,
});
export type TMacro = z.infer<typeof ZMacro>;

/** POST /conversations/:id/macros/:macroId: the conversation afterwards and the filled saved reply. */
export const ZMacroApplied = z.object({ conversation: ZConversation, reply: ZFilledReply.nullable() });
export type TMacroApplied = z.infer<typeof ZMacroApplied>;

/** The stored actions, key by key (never the stored object as it is). */
function presentActions(actions: MacroActions): TMacroActions {
  const out: TMacroActions = {};
  if (actions.addTags) out.addTags = [...actions.addTags];
  if (actions.removeTags) out.removeTags = [...actions.removeTags];
  if (actions.status) out.status = actions.status;
  if (actions.priority) out.priority = actions.priority;
  if (actions.assigneeId !== undefined) out.assigneeId = actions.assigneeId;
  if (actions.teamId !== undefined) out.teamId = actions.teamId;
  if (actions.followUpInHours !== undefined) out.followUpInHours = actions.followUpInHours;
  return out;
}

export function presentMacro(row: MacroRow, abilities: ScopedAbilities): TMacro {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    ownerId: row.owner_id,
    savedReplyId: row.saved_reply_id,
    actions: presentActions(row.actions),
    usageCount: row.usage_count,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    abilities: { edit: abilities.edit, delete: abilities.delete },
  };
}

import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { cleanNames } from "../lib/clean-names.js";
import { invalid, notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import {
  findWorkspace,
  isKnownTimeZone,
  updateWorkspace as updateWorkspaceRow,
  type WorkspaceRow,
} from "../models/workspaces.js";
import { authorizeUpdateWorkspace } from "../policies/workspace-policy.js";

/** The settings PATCH /workspace may change; undefined keeps a value. */
export interface WorkspaceChange {
  name?: string;
  timeZone?: string;
  defaultLanguage?: string;
  /** The complete list of the workspace's jargon terms for the reply coach. */
  coachJargon?: string[];
}

/**
 * Changes the workspace's name, time zone (a validated IANA name), default language or the reply coach's
 * jargon list, with a
 * `workspace.updated` event listing what changed. Throws 403 for agents, 400 naming `timeZone` when
 * the database does not know the zone.
 */
export async function updateWorkspace(
  db: Database,
  actor: Actor,
  change: WorkspaceChange,
): Promise<WorkspaceRow> {
  authorizeUpdateWorkspace(actor);
  if (change.timeZone !== undefined && !(await isKnownTimeZone(db, change.timeZone))) {
    throw invalid("timeZone", "is not a time zone the database knows");
  }
  return db.transaction(async (tx) => {
    const before = await findWorkspace(tx, actor.workspaceId);
    if (!before) throw notFound("Workspace");
    const changes: Record<string, { from: string; to: string }> = {};
    if (change.name !== undefined && change.name !== before.name)
      changes.name = { from: before.name, to: change.name };
    if (change.timeZone !== undefined && change.timeZone !== before.time_zone)
      changes.timeZone = { from: before.time_zone, to: change.timeZone };
    if (change.defaultLanguage !== undefined && change.defaultLanguage !== before.default_language)
      changes.defaultLanguage = { from: before.default_language, to: change.defaultLanguage };
    const jargon = change.coachJargon && cleanNames(change.coachJargon);
    if (jargon && jargon.join("\n") !== before.coach_jargon.join("\n"))
      changes.coachJargon = { from: before.coach_jargon.join(", "), to: jargon.join(", ") };
    if (Object.keys(changes).length === 0) return before;
    const updated = await updateWorkspaceRow(tx, actor.workspaceId, { ...change, coachJargon: jargon });
    if (!updated) throw notFound("Workspace");
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "workspace.updated",
      actorUserId: actor.userId,
      payload: { changes },
    });
    return updated;
  });
}

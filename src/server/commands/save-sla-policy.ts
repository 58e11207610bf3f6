import type { Actor } from "../context.js";
import type { Database, Queryable } from "../db/types.js";
import { isUniqueViolation } from "../db/errors.js";
import { conflict, forbidden, invalid, notFound } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import {
  deleteSlaPolicyRow,
  findSlaPolicies,
  insertSlaPolicy,
  lockSlaPolicies,
  reorderSlaPolicies,
  updateSlaPolicyRow,
  type SlaPolicyFields,
  type SlaPolicyRow,
} from "../models/sla-policies.js";
import { isWorkspaceAdmin } from "../policies/inbox-policy.js";

function requireAdmin(actor: Actor): void {
  if (!isWorkspaceAdmin(actor)) throw forbidden("Only owners and admins change SLA policies");
}

/** Inboxes and tags named by the conditions must be the workspace's (400 naming the field otherwise). */
async function checkReferences(tx: Queryable, workspaceId: string, fields: SlaPolicyFields) {
  if (!fields.firstResponseSeconds && !fields.nextResponseSeconds && !fields.resolutionSeconds)
    throw invalid("firstResponseSeconds", "at least one target is required");
  for (const [field, table, ids] of [
    ["inboxIds", "inboxes", fields.inboxIds],
    ["tagIds", "tags", fields.tagIds],
  ] as const) {
    if (ids.length === 0) continue;
    const rows = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
      [workspaceId, ids],
    );
    if (rows[0]!.n !== new Set(ids).size) throw invalid(field, `must be ${table} of this workspace`);
  }
}

/**
 * Creates (`id` null, tried after the existing policies) or replaces an SLA policy, with its event
 * (`sla_policy.created` / `.updated`). A changed policy applies to clocks that start afterwards, and to
 * the open clocks of a conversation when its priority or tags change. 409 for a name in use.
 */
export async function saveSlaPolicy(
  db: Database,
  actor: Actor,
  id: string | null,
  fields: SlaPolicyFields,
): Promise<SlaPolicyRow> {
  requireAdmin(actor);
  try {
    return await db.transaction(async (tx) => {
      await checkReferences(tx, actor.workspaceId, fields);
      if (!id) await lockSlaPolicies(tx, actor.workspaceId);
      const row = id
        ? await updateSlaPolicyRow(tx, actor.workspaceId, id, fields)
        : await insertSlaPolicy(tx, actor.workspaceId, newId(), fields);
      if (!row) throw notFound("SLA policy");
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: id ? "sla_policy.updated" : "sla_policy.created",
        actorUserId: actor.userId,
        payload: { policyId: row.id },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error, "sla_policies_name_key"))
      throw conflict("An SLA policy with this name exists already");
    throw error;
  }
}

/** Deletes a policy; clocks it set keep their targets. `sla_policy.deleted`. */
export async function deleteSlaPolicy(db: Database, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  await db.transaction(async (tx) => {
    if (!(await deleteSlaPolicyRow(tx, actor.workspaceId, id))) throw notFound("SLA policy");
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "sla_policy.deleted",
      actorUserId: actor.userId,
      payload: { policyId: id },
    });
  });
}

/** Sets the order policies are tried in: `ids` must be exactly the workspace's policies. */
export async function reorderSlaPolicyList(
  db: Database,
  actor: Actor,
  ids: string[],
): Promise<SlaPolicyRow[]> {
  requireAdmin(actor);
  return db.transaction(async (tx) => {
    await lockSlaPolicies(tx, actor.workspaceId);
    const current = await findSlaPolicies(tx, actor.workspaceId);
    const known = new Set(current.map((policy) => policy.id));
    if (
      ids.length !== known.size ||
      new Set(ids).size !== ids.length ||
      ids.some((policyId) => !known.has(policyId))
    )
      throw invalid("ids", "must list every SLA policy of the workspace once");
    await reorderSlaPolicies(tx, actor.workspaceId, ids);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "sla_policy.reordered",
      actorUserId: actor.userId,
      payload: { policyIds: ids },
    });
    return findSlaPolicies(tx, actor.workspaceId);
  });
}

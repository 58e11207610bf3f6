import type { AssignmentCandidateRow } from "../models/assignment-candidates.js";
import type { InboxAccess } from "../models/inboxes.js";
import { canSeeInbox, isWorkspaceAdmin } from "./inbox-policy.js";
import { userAbilities, type PolicyActor, type PolicyUser } from "./user-policy.js";

/** The facts about a user that eligibility and the pick depend on (a row of findAssignmentCandidates). */
export type Candidate = Pick<
  AssignmentCandidateRow,
  | "id"
  | "role"
  | "is_active"
  | "availability"
  | "is_inbox_member"
  | "team_ids"
  | "capacity"
  | "channel_load"
  | "open_count"
  | "last_assigned_at"
>;

/** What a conversation asks of its assignee: its inbox's access, its team (if any), who is ruled out. */
export interface AssignmentTarget {
  inboxAccess: InboxAccess;
  teamId: string | null;
  excludeUserId?: string | null;
}

/**
 * Whether the rule may give the conversation to this user: active, online, sees the inbox, in the team
 * when there is one, and below their capacity on the conversation's channel. Manual assignment is not
 * bound by this (an agent may give anyone who sees the inbox a conversation).
 */
export function isEligibleAssignee(candidate: Candidate, target: AssignmentTarget): boolean {
  return (
    candidate.is_active &&
    candidate.availability === "online" &&
    candidate.id !== target.excludeUserId &&
    canSeeInbox(candidate, { access: target.inboxAccess, is_member: candidate.is_inbox_member }) &&
    (target.teamId === null || candidate.team_ids.includes(target.teamId)) &&
    (candidate.capacity === null || candidate.channel_load < candidate.capacity)
  );
}

/**
 * Round robin: the first eligible agent after the one who had the last turn, in id order, wrapping
 * around. Agents who are away or full are skipped without losing their place, so over many
 * conversations every agent's count differs by at most one.
 */
export function pickRoundRobin<T extends Pick<Candidate, "id">>(
  eligible: T[],
  lastAssigneeId: string | null,
): T | undefined {
  const ordered = [...eligible].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (lastAssigneeId === null) return ordered[0];
  return ordered.find((candidate) => candidate.id > lastAssigneeId) ?? ordered[0];
}

const time = (at: Date | null) => at?.getTime() ?? Number.NEGATIVE_INFINITY;

/** Balanced: the fewest open conversations; ties go to who was assigned longest ago (never: first). */
export function pickBalanced<T extends Pick<Candidate, "id" | "open_count" | "last_assigned_at">>(
  eligible: T[],
): T | undefined {
  return [...eligible].sort(
    (a, b) =>
      a.open_count - b.open_count ||
      time(a.last_assigned_at) - time(b.last_assigned_at) ||
      (a.id < b.id ? -1 : 1),
  )[0];
}

/**
 * Who may take an escalation of a conversation: an active user who sees its inbox and leads a team or
 * is an owner or admin.
 */
export function canTakeEscalation(
  candidate: Pick<AssignmentCandidateRow, "role" | "is_active" | "is_inbox_member" | "lead_team_ids">,
  inboxAccess: InboxAccess,
): boolean {
  return (
    candidate.is_active &&
    canSeeInbox(candidate, { access: inboxAccess, is_member: candidate.is_inbox_member }) &&
    (candidate.lead_team_ids.length > 0 || isWorkspaceAdmin(candidate))
  );
}

/** Inbox assignment rules and agents' capacities are set by owners and admins; everyone reads them. */
export const canManageAssignment = (actor: Pick<PolicyActor, "role">): boolean => isWorkspaceAdmin(actor);

/** Anyone sets their own availability; owners anyone's, admins agents' (as for other profile changes). */
export const canSetAvailability = (actor: PolicyActor, user: PolicyUser): boolean =>
  userAbilities(actor, user).update;

/**
 * The lead an escalation goes to when none is named: online leads before away or offline ones, then
 * the least loaded (as balanced mode decides).
 */
export function pickEscalationLead<
  T extends Pick<Candidate, "id" | "availability" | "open_count" | "last_assigned_at">,
>(leads: T[]): T | undefined {
  const online = leads.filter((lead) => lead.availability === "online");
  return pickBalanced(online.length > 0 ? online : leads);
}

import type { Actor } from "../context.js";
import { forbidden } from "../lib/errors.js";
import type { HelpVisibility } from "../models/help-articles.js";
import { isWorkspaceAdmin } from "./inbox-policy.js";

/** What the actor may do with the help center as a whole; every member reads all of it. */
export interface HelpCenterAbilities {
  /** Settings, categories, sections and pages. */
  canManage: boolean;
  canCreateArticles: boolean;
}

/** What the actor may do with one article; sent with it so the app never re-derives these rules. */
export interface HelpArticleAbilities {
  /** Drafts, section, review-by date, tags, position. */
  canEdit: boolean;
  /** Publish and unpublish. */
  canPublish: boolean;
  canDelete: boolean;
  canChangeOwner: boolean;
  canChangeVisibility: boolean;
}

/** The facts about an article the rules depend on. */
export interface PolicyHelpArticle {
  owner_id: string | null;
  visibility: HelpVisibility;
}

type PolicyActor = Pick<Actor, "role" | "userId">;

/** Owners and admins manage the help center and create articles; agents read it and edit what they own. */
export const helpCenterAbilities = (actor: Pick<Actor, "role">): HelpCenterAbilities => ({
  canManage: isWorkspaceAdmin(actor),
  canCreateArticles: isWorkspaceAdmin(actor),
});

/**
 * Owners and admins do everything to any article. An agent edits, publishes and unpublishes the
 * articles they own, but neither deletes them nor gives them away nor moves them between public and
 * internal (which decides who may read them).
 */
export function helpArticleAbilities(actor: PolicyActor, article: PolicyHelpArticle): HelpArticleAbilities {
  const isAdmin = isWorkspaceAdmin(actor);
  const isOwner = article.owner_id !== null && article.owner_id === actor.userId;
  return {
    canEdit: isAdmin || isOwner,
    canPublish: isAdmin || isOwner,
    canDelete: isAdmin,
    canChangeOwner: isAdmin,
    canChangeVisibility: isAdmin,
  };
}

/** Throws 403 unless the actor may change settings, categories, sections and pages. */
export function authorizeManageHelpCenter(actor: Pick<Actor, "role">): void {
  if (!helpCenterAbilities(actor).canManage) throw forbidden("Only owners and admins manage the help center");
}

/** Throws 403 unless the actor may create articles. */
export function authorizeCreateHelpArticle(actor: Pick<Actor, "role">): void {
  if (!helpCenterAbilities(actor).canCreateArticles)
    throw forbidden("Only owners and admins create help center articles");
}

/** Throws 403 unless the actor may take this action on the article. */
export function authorizeHelpArticle(
  actor: PolicyActor,
  action: "edit" | "publish" | "delete",
  article: PolicyHelpArticle,
): void {
  const can = helpArticleAbilities(actor, article);
  const allowed = { edit: can.canEdit, publish: can.canPublish, delete: can.canDelete }[action];
  if (!allowed) throw forbidden(`You may not ${action} this article`);
}

/**
 * Throws 403 unless the actor may make this change: editing, and for a new owner or visibility (a value
 * equal to the current one is no change) the right to change those.
 */
export function authorizeHelpArticleChange(
  actor: PolicyActor,
  article: PolicyHelpArticle,
  change: { ownerId?: string | null; visibility?: HelpVisibility },
): void {
  authorizeHelpArticle(actor, "edit", article);
  const can = helpArticleAbilities(actor, article);
  if (change.ownerId !== undefined && change.ownerId !== article.owner_id && !can.canChangeOwner)
    throw forbidden("Only owners and admins change an article's owner");
  if (change.visibility !== undefined && change.visibility !== article.visibility && !can.canChangeVisibility)
    throw forbidden("Only owners and admins change an article's visibility");
}

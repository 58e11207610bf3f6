import { describe, expect, it } from "vitest";
import { HttpError } from "../lib/errors.js";
import {
  authorizeCreateHelpArticle,
  authorizeHelpArticle,
  authorizeHelpArticleChange,
  authorizeManageHelpCenter,
  helpArticleAbilities,
  helpCenterAbilities,
} from "./help-center-policy.js";

const owner = { role: "owner" as const, userId: "u-owner" };
const admin = { role: "admin" as const, userId: "u-admin" };
const agent = { role: "agent" as const, userId: "u-agent" };
const agentsArticle = { owner_id: "u-agent", visibility: "public" as const };
const othersArticle = { owner_id: "u-other", visibility: "public" as const };
const unowned = { owner_id: null, visibility: "internal" as const };

const statusOf = (fn: () => void): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as HttpError).statusCode;
  }
};

describe("helpCenterAbilities", () => {
  it("lets owners and admins manage the help center and create articles, not agents", () => {
    expect(helpCenterAbilities(owner)).toEqual({ canManage: true, canCreateArticles: true });
    expect(helpCenterAbilities(admin)).toEqual({ canManage: true, canCreateArticles: true });
    expect(helpCenterAbilities(agent)).toEqual({ canManage: false, canCreateArticles: false });
    expect(statusOf(() => authorizeManageHelpCenter(agent))).toBe(403);
    expect(statusOf(() => authorizeCreateHelpArticle(agent))).toBe(403);
    expect(statusOf(() => authorizeManageHelpCenter(admin))).toBeUndefined();
  });
});

describe("helpArticleAbilities", () => {
  it("gives owners and admins everything on any article, owned or not", () => {
    for (const actor of [owner, admin])
      for (const article of [agentsArticle, othersArticle, unowned])
        expect(Object.values(helpArticleAbilities(actor, article)).every(Boolean)).toBe(true);
  });

  it("lets an agent edit and publish their own article, but not delete it, give it away or change its visibility", () => {
    expect(helpArticleAbilities(agent, agentsArticle)).toEqual({
      canEdit: true,
      canPublish: true,
      canDelete: false,
      canChangeOwner: false,
      canChangeVisibility: false,
    });
    expect(statusOf(() => authorizeHelpArticle(agent, "publish", agentsArticle))).toBeUndefined();
    expect(statusOf(() => authorizeHelpArticle(agent, "delete", agentsArticle))).toBe(403);
  });

  it("gives an agent nothing on another's article or one without an owner", () => {
    for (const article of [othersArticle, unowned]) {
      expect(Object.values(helpArticleAbilities(agent, article)).some(Boolean)).toBe(false);
      expect(statusOf(() => authorizeHelpArticle(agent, "edit", article))).toBe(403);
    }
  });
});

describe("authorizeHelpArticleChange", () => {
  it("refuses an agent a new owner or visibility, but not the values the article already has", () => {
    expect(statusOf(() => authorizeHelpArticleChange(agent, agentsArticle, { ownerId: "u-other" }))).toBe(
      403,
    );
    expect(statusOf(() => authorizeHelpArticleChange(agent, agentsArticle, { ownerId: null }))).toBe(403);
    expect(statusOf(() => authorizeHelpArticleChange(agent, agentsArticle, { visibility: "internal" }))).toBe(
      403,
    );
    expect(
      statusOf(() =>
        authorizeHelpArticleChange(agent, agentsArticle, { ownerId: "u-agent", visibility: "public" }),
      ),
    ).toBeUndefined();
    expect(statusOf(() => authorizeHelpArticleChange(agent, agentsArticle, {}))).toBeUndefined();
    expect(
      statusOf(() => authorizeHelpArticleChange(admin, othersArticle, { ownerId: null })),
    ).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { canManageInboxes, canSeeInbox, inboxScope } from "./inbox-policy.js";

const agent = { role: "agent" as const };
const admin = { role: "admin" as const };

describe("inbox policy", () => {
  it("lets everyone see an inbox open to all", () => {
    expect(canSeeInbox(agent, { access: "all", is_member: false })).toBe(true);
  });

  it("shows a members-only inbox to its members, owners and admins only", () => {
    expect(canSeeInbox(agent, { access: "members", is_member: false })).toBe(false);
    expect(canSeeInbox(agent, { access: "members", is_member: true })).toBe(true);
    expect(canSeeInbox(admin, { access: "members", is_member: false })).toBe(true);
    expect(canSeeInbox({ role: "owner" }, { access: "members", is_member: false })).toBe(true);
  });

  it("lets only owners and admins manage inboxes", () => {
    expect(canManageInboxes(agent)).toBe(false);
    expect(canManageInboxes(admin)).toBe(true);
  });

  it("scopes to the visible inboxes and says when that is all of them", () => {
    const inboxes = [
      { id: "a", access: "all" as const, is_member: false },
      { id: "b", access: "members" as const, is_member: false },
    ];
    expect(inboxScope(agent, inboxes)).toEqual({ isAll: false, ids: ["a"] });
    expect(inboxScope(admin, inboxes)).toEqual({ isAll: true, ids: ["a", "b"] });
  });
});

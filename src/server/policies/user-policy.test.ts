import { describe, expect, it } from "vitest";
import type { HttpError } from "../lib/errors.js";
import type { Role } from "../models/users.js";
import {
  authorizeInvite,
  authorizeRevokeInvitation,
  authorizeUserChange,
  userAbilities,
  type UserChange,
} from "./user-policy.js";

const user = (id: string, role: Role, isActive = true) => ({ id, role, is_active: isActive });
const actor = (id: string, role: Role) => ({ userId: id, role });

/** The status authorizeUserChange throws, or 200 when the change is allowed. */
function decide(
  by: ReturnType<typeof actor>,
  target: ReturnType<typeof user>,
  change: UserChange,
  owners: string[],
) {
  try {
    authorizeUserChange(by, target, change, owners);
    return 200;
  } catch (error) {
    return (error as HttpError).statusCode;
  }
}

describe("userAbilities", () => {
  it("lets everyone edit themselves but never re-role or deactivate themselves", () => {
    for (const role of ["owner", "admin", "agent"] as const) {
      expect(userAbilities(actor("me", role), user("me", role))).toEqual({
        update: true,
        changeRole: false,
        deactivate: false,
      });
    }
  });

  it("lets an owner do everything to others, an admin manage agents only, an agent nothing", () => {
    expect(userAbilities(actor("o", "owner"), user("x", "owner"))).toEqual({
      update: true,
      changeRole: true,
      deactivate: true,
    });
    expect(userAbilities(actor("a", "admin"), user("x", "agent"))).toEqual({
      update: true,
      changeRole: false,
      deactivate: true,
    });
    for (const role of ["admin", "owner"] as const) {
      expect(userAbilities(actor("a", "admin"), user("x", role))).toEqual({
        update: false,
        changeRole: false,
        deactivate: false,
      });
    }
    expect(userAbilities(actor("g", "agent"), user("x", "agent"))).toEqual({
      update: false,
      changeRole: false,
      deactivate: false,
    });
  });
});

describe("authorizeUserChange", () => {
  it("refuses with 409 to demote or deactivate the last active owner", () => {
    // Reachable only through paths other than the API (the API forbids changing oneself), so the policy
    // holds the rule itself.
    const only = user("o1", "owner");
    const owner = actor("o2", "owner");
    expect(decide(owner, only, { role: "admin" }, ["o1"])).toBe(409);
    expect(decide(owner, only, { isActive: false }, ["o1"])).toBe(409);
    expect(decide(owner, only, { role: "admin" }, ["o1", "o2"])).toBe(200);
    expect(decide(owner, only, { name: "Renamed" }, ["o1"])).toBe(200);
  });

  it("lets an owner reactivate a deactivated owner even when another owner is the only active one", () => {
    expect(decide(actor("o2", "owner"), user("o1", "owner", false), { isActive: true }, ["o2"])).toBe(200);
  });

  it("treats a field equal to its current value as no change", () => {
    expect(decide(actor("g", "agent"), user("g", "agent"), { role: "agent", isActive: true }, [])).toBe(200);
  });

  it("refuses with 403 every change outside the rules", () => {
    expect(decide(actor("o", "owner"), user("o", "owner"), { role: "admin" }, ["o", "p"])).toBe(403);
    expect(decide(actor("o", "owner"), user("o", "owner"), { isActive: false }, ["o", "p"])).toBe(403);
    expect(decide(actor("a", "admin"), user("x", "agent"), { role: "admin" }, [])).toBe(403);
    expect(decide(actor("a", "admin"), user("x", "admin"), { isActive: false }, [])).toBe(403);
    expect(decide(actor("a", "admin"), user("x", "owner"), { language: "ru" }, [])).toBe(403);
    expect(decide(actor("g", "agent"), user("x", "agent"), { name: "X" }, [])).toBe(403);
  });
});

describe("invitations", () => {
  const status = (fn: () => void) => {
    try {
      fn();
      return 200;
    } catch (error) {
      return (error as HttpError).statusCode;
    }
  };

  it("lets owners invite and revoke admins and agents, admins agents only, agents nothing", () => {
    expect(status(() => authorizeInvite(actor("o", "owner"), "admin"))).toBe(200);
    expect(status(() => authorizeInvite(actor("a", "admin"), "agent"))).toBe(200);
    expect(status(() => authorizeInvite(actor("a", "admin"), "admin"))).toBe(403);
    expect(status(() => authorizeInvite(actor("g", "agent"), "agent"))).toBe(403);
    expect(status(() => authorizeRevokeInvitation(actor("o", "owner"), { role: "admin" }))).toBe(200);
    expect(status(() => authorizeRevokeInvitation(actor("a", "admin"), { role: "agent" }))).toBe(200);
    expect(status(() => authorizeRevokeInvitation(actor("a", "admin"), { role: "admin" }))).toBe(403);
    expect(status(() => authorizeRevokeInvitation(actor("g", "agent"), { role: "agent" }))).toBe(403);
  });
});

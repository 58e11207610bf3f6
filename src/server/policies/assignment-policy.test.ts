import { describe, expect, it } from "vitest";
import {
  canTakeEscalation,
  isEligibleAssignee,
  pickBalanced,
  pickEscalationLead,
  pickRoundRobin,
  type Candidate,
} from "./assignment-policy.js";

const candidate = (id: string, overrides: Partial<Candidate> = {}): Candidate => ({
  id,
  role: "agent",
  is_active: true,
  availability: "online",
  is_inbox_member: false,
  team_ids: [],
  capacity: null,
  channel_load: 0,
  open_count: 0,
  last_assigned_at: null,
  ...overrides,
});
const open = { inboxAccess: "all" as const, teamId: null };

describe("isEligibleAssignee", () => {
  it("takes an active, online agent who sees the inbox and has room", () => {
    expect(isEligibleAssignee(candidate("a"), open)).toBe(true);
  });

  it("never takes an away, offline or inactive user, nor the excluded one", () => {
    expect(isEligibleAssignee(candidate("a", { availability: "away" }), open)).toBe(false);
    expect(isEligibleAssignee(candidate("a", { availability: "offline" }), open)).toBe(false);
    expect(isEligibleAssignee(candidate("a", { is_active: false }), open)).toBe(false);
    expect(isEligibleAssignee(candidate("a"), { ...open, excludeUserId: "a" })).toBe(false);
  });

  it("follows inbox access: members-only inboxes take their members, owners and admins", () => {
    const members = { inboxAccess: "members" as const, teamId: null };
    expect(isEligibleAssignee(candidate("a"), members)).toBe(false);
    expect(isEligibleAssignee(candidate("a", { is_inbox_member: true }), members)).toBe(true);
    expect(isEligibleAssignee(candidate("a", { role: "admin" }), members)).toBe(true);
  });

  it("takes only members of the team when there is one", () => {
    const team = { inboxAccess: "all" as const, teamId: "t1" };
    expect(isEligibleAssignee(candidate("a"), team)).toBe(false);
    expect(isEligibleAssignee(candidate("a", { team_ids: ["t0", "t1"] }), team)).toBe(true);
  });

  it("stops at the capacity of the channel; 0 never", () => {
    expect(isEligibleAssignee(candidate("a", { capacity: 2, channel_load: 1 }), open)).toBe(true);
    expect(isEligibleAssignee(candidate("a", { capacity: 2, channel_load: 2 }), open)).toBe(false);
    expect(isEligibleAssignee(candidate("a", { capacity: 0 }), open)).toBe(false);
  });
});

describe("pickRoundRobin", () => {
  it("goes around in id order after the last turn, wrapping", () => {
    const all = [candidate("c"), candidate("a"), candidate("b")];
    expect(pickRoundRobin(all, null)?.id).toBe("a");
    expect(pickRoundRobin(all, "a")?.id).toBe("b");
    expect(pickRoundRobin(all, "c")?.id).toBe("a");
    // The last turn's agent is gone (away): the next one after their place.
    expect(pickRoundRobin([candidate("a"), candidate("c")], "b")?.id).toBe("c");
    expect(pickRoundRobin([], "a")).toBeUndefined();
  });

  it("is fair: over many turns the counts differ by at most one", () => {
    const ids = ["a", "b", "c", "d"];
    const counts = new Map(ids.map((id) => [id, 0]));
    let last: string | null = null;
    for (let turn = 0; turn < 103; turn += 1) {
      const next: Candidate = pickRoundRobin(
        ids.map((id) => candidate(id)),
        last,
      )!;
      counts.set(next.id, counts.get(next.id)! + 1);
      last = next.id;
    }
    const values = [...counts.values()];
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  });
});

describe("pickBalanced", () => {
  it("takes the fewest open conversations, ties by who was assigned longest ago (never first)", () => {
    const early = new Date("2025-01-01T08:00:00Z");
    const late = new Date("2025-01-01T09:00:00Z");
    expect(pickBalanced([candidate("a", { open_count: 3 }), candidate("b", { open_count: 1 })])?.id).toBe(
      "b",
    );
    expect(
      pickBalanced([
        candidate("a", { open_count: 1, last_assigned_at: late }),
        candidate("b", { open_count: 1, last_assigned_at: early }),
      ])?.id,
    ).toBe("b");
    expect(
      pickBalanced([
        candidate("a", { open_count: 1, last_assigned_at: early }),
        candidate("b", { open_count: 1, last_assigned_at: null }),
      ])?.id,
    ).toBe("b");
  });
});

describe("escalation leads", () => {
  it("lets team leads, owners and admins who see the inbox take escalations, not plain agents", () => {
    const lead = { role: "agent" as const, is_active: true, is_inbox_member: false, lead_team_ids: ["t"] };
    expect(canTakeEscalation(lead, "all")).toBe(true);
    expect(canTakeEscalation({ ...lead, lead_team_ids: [] }, "all")).toBe(false);
    expect(canTakeEscalation({ ...lead, lead_team_ids: [], role: "admin" }, "all")).toBe(true);
    expect(canTakeEscalation(lead, "members")).toBe(false);
    expect(canTakeEscalation({ ...lead, is_active: false }, "all")).toBe(false);
  });

  it("prefers an online lead, then the least loaded", () => {
    const away = candidate("a", { availability: "away", open_count: 0 });
    const busy = candidate("b", { open_count: 5 });
    const free = candidate("c", { open_count: 1 });
    expect(pickEscalationLead([away, busy, free])?.id).toBe("c");
    expect(pickEscalationLead([away])?.id).toBe("a");
  });
});

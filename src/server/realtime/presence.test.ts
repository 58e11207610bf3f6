import { describe, expect, it } from "vitest";
import { Presence, type PresenceChange, type PresenceMessage } from "./presence.js";

const ana = { workspaceId: "w1", userId: "u-ana", name: "Ana" };
const boris = { workspaceId: "w1", userId: "u-boris", name: "Boris" };

function pair() {
  const clock = { now: 1_000 };
  const changes: PresenceChange[] = [];
  const wire: { to: Presence | null } = { to: null };
  const back: { to: Presence | null } = { to: null };
  const a = new Presence({
    processId: "A",
    now: () => clock.now,
    onChange: (change) => changes.push(change),
    publish: (message: PresenceMessage) => wire.to?.receive(message),
  });
  const b = new Presence({
    processId: "B",
    now: () => clock.now,
    expireMs: 45_000,
    onChange: () => {},
    publish: (message: PresenceMessage) => back.to?.receive(message),
  });
  wire.to = b;
  back.to = a;
  return { a, b, clock, changes };
}

describe("Presence", () => {
  it("counts a user with two tabs once and keeps them online until the last one closes", () => {
    const { a } = pair();
    a.set("c1", { ...ana, viewing: null, typing: null });
    a.set("c2", { ...ana, viewing: null, typing: null });
    expect(a.online("w1")).toEqual([{ id: "u-ana", name: "Ana" }]);
    a.remove("c1");
    expect(a.online("w1")).toHaveLength(1);
    a.remove("c2");
    expect(a.online("w1")).toEqual([]);
    expect(a.online("w2")).toEqual([]);
  });

  it("shares viewers and typists with another process, and forgets a process that went silent", () => {
    const { a, b, clock } = pair();
    a.set("c1", { ...ana, viewing: "conv-1", typing: null });
    b.set("c9", { ...boris, viewing: "conv-1", typing: null });
    a.typed("c1", "conv-1");
    expect(b.activity("w1", "conv-1")).toEqual({
      viewers: [
        { id: "u-ana", name: "Ana" },
        { id: "u-boris", name: "Boris" },
      ],
      typing: [{ id: "u-ana", name: "Ana" }],
    });
    // Typing ends by itself a few seconds after the last keystroke.
    clock.now += 7_000;
    expect(b.activity("w1", "conv-1").typing).toEqual([]);
    // Process A stops sending heartbeats (killed): B forgets its users.
    clock.now += 60_000;
    b.heartbeat();
    expect(b.online("w1")).toEqual([{ id: "u-boris", name: "Boris" }]);
  });

  it("tells which conversations a change touched", () => {
    const { a, changes } = pair();
    a.set("c1", { ...ana, viewing: "conv-1", typing: null });
    a.set("c1", { ...ana, viewing: "conv-2", typing: null });
    expect(changes.at(-1)).toEqual({
      workspaceId: "w1",
      conversationIds: ["conv-1", "conv-2"],
      agentsOnline: true,
    });
  });

  it("keeps the newest state of a connection when notifications arrive out of order", () => {
    const sent: PresenceMessage[] = [];
    const a = new Presence({ processId: "A", onChange: () => {}, publish: (m) => sent.push(m) });
    const b = new Presence({ processId: "B", onChange: () => {} });
    a.set("c1", { ...ana, viewing: "conv-1", typing: null });
    a.typed("c1", "conv-1");
    // The typing notification overtakes the earlier one (another pooled connection was faster).
    for (const message of [...sent].reverse()) b.receive(message);
    expect(b.activity("w1", "conv-1").typing).toEqual([{ id: "u-ana", name: "Ana" }]);
  });
});

import { describe, expect, it } from "vitest";
import { macroPermissions } from "./apply-macro.js";

describe("macroPermissions", () => {
  it("names the conversation permission of every action the macro takes, and only those", () => {
    expect(macroPermissions({})).toEqual([]);
    expect(macroPermissions({ removeTags: ["x"], followUpInHours: 2 })).toEqual(["tag", "followUp"]);
    expect(
      macroPermissions({
        addTags: ["a"],
        status: "resolved",
        priority: "low",
        assigneeId: null,
        teamId: null,
      }),
    ).toEqual(["tag", "setStatus", "setPriority", "assign", "setTeam"]);
  });
});

import { describe, expect, it } from "vitest";
import { cleanNames } from "./clean-names.js";

describe("cleanNames", () => {
  it("trims, collapses inner spaces, drops empty names and keeps the first spelling of each", () => {
    expect(
      cleanNames(["  VIP ", "vip", "", "  ", "late   delivery", "Late delivery", "Račun", "RAČUN"]),
    ).toEqual(["VIP", "late delivery", "Račun"]);
  });
});

import { describe, expect, it } from "vitest";
import { slugify } from "./slugify.js";

describe("slugify", () => {
  it("lowercases and turns everything that is not a letter or digit into single hyphens", () => {
    expect(slugify("How do I pay?")).toBe("how-do-i-pay");
    expect(slugify("  Returns & exchanges -- 2025 ")).toBe("returns-exchanges-2025");
  });

  it("removes accents of Croatian and Slovak letters", () => {
    expect(slugify("Plaćanje i dostava")).toBe("placanje-i-dostava");
    expect(slugify("Đurđevac")).toBe("durdevac");
    expect(slugify("Vrátenie tovaru do 14 dní, ľahko")).toBe("vratenie-tovaru-do-14-dni-lahko");
  });

  it("transliterates Russian", () => {
    expect(slugify("Способы оплаты")).toBe("sposoby-oplaty");
    expect(slugify("Щётка, ёж и объявление")).toBe("shchetka-ezh-i-obyavlenie");
  });

  it("keeps at most 80 characters without a trailing hyphen, and is never empty", () => {
    const slug = slugify("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(slugify("???")).toBe("article");
    expect(slugify("中文", "category")).toBe("category");
  });
});

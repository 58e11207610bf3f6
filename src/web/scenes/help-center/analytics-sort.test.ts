import { describe, expect, it } from "vitest";
import { percent, sortArticleStats, sortNoResultQueries, sortTopQueries } from "./analytics-sort.js";

describe("analytics order", () => {
  it("puts the most searched queries first, ties alphabetically", () => {
    const rows = [
      { query: "refund", count: 3, clickThroughRate: 0.5 },
      { query: "delivery", count: 9, clickThroughRate: 0.2 },
      { query: "address", count: 3, clickThroughRate: null },
    ];
    expect(sortTopQueries(rows).map((r) => r.query)).toEqual(["delivery", "address", "refund"]);
  });

  it("breaks ties among queries without results by the latest search", () => {
    const rows = [
      { query: "a", count: 2, lastAt: "2025-03-01T10:00:00Z" },
      { query: "b", count: 2, lastAt: "2025-03-02T10:00:00Z" },
      { query: "c", count: 5, lastAt: "2025-01-01T10:00:00Z" },
    ];
    expect(sortNoResultQueries(rows).map((r) => r.query)).toEqual(["c", "b", "a"]);
  });

  it("sorts articles by the chosen column, then by views", () => {
    const row = (title: string, views: number, helpfulNo: number) => ({
      id: title,
      number: 1,
      title,
      views,
      helpfulYes: 0,
      helpfulNo,
      contactsAfterView: 0,
    });
    const rows = [row("A", 10, 1), row("B", 50, 0), row("C", 20, 1)];
    expect(sortArticleStats(rows, "views").map((r) => r.title)).toEqual(["B", "C", "A"]);
    expect(sortArticleStats(rows, "helpfulNo").map((r) => r.title)).toEqual(["C", "A", "B"]);
  });

  it("shows a rate as a whole percentage, none without a rate", () => {
    expect(percent(0.4267)).toBe(43);
    expect(percent(0)).toBe(0);
    expect(percent(null)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { moveChanges } from "./positions.js";

const list = (...positions: number[]) => positions.map((position, i) => ({ id: `i${i}`, position }));

describe("moveChanges", () => {
  it("swaps two neighbours numbered in order", () => {
    expect(moveChanges(list(0, 1, 2), 2, -1)).toEqual([
      { id: "i2", position: 1 },
      { id: "i1", position: 2 },
    ]);
  });

  it("renumbers a list with ties or gaps so the move is real", () => {
    expect(moveChanges(list(0, 0, 0), 0, 1)).toEqual([
      { id: "i0", position: 1 },
      { id: "i2", position: 2 },
    ]);
    expect(moveChanges(list(10, 20, 30), 1, 1)).toEqual([
      { id: "i0", position: 0 },
      { id: "i2", position: 1 },
      { id: "i1", position: 2 },
    ]);
  });

  it("changes nothing past either end", () => {
    expect(moveChanges(list(0, 1), 0, -1)).toEqual([]);
    expect(moveChanges(list(0, 1), 1, 1)).toEqual([]);
    expect(moveChanges([], 0, 1)).toEqual([]);
  });
});

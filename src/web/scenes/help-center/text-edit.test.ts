import { describe, expect, it } from "vitest";
import { imageMarkdown, insertAtCursor } from "./text-edit.js";

describe("insertAtCursor", () => {
  it("inserts at the caret and puts the caret after the insertion", () => {
    expect(insertAtCursor("Hello world", 5, 5, ",")).toEqual({ text: "Hello, world", caret: 6 });
  });

  it("replaces the selection", () => {
    expect(insertAtCursor("Hello world", 6, 11, "there")).toEqual({ text: "Hello there", caret: 11 });
  });

  it("inserts into an empty text and clamps positions outside it", () => {
    expect(insertAtCursor("", 0, 0, "![a](/x)")).toEqual({ text: "![a](/x)", caret: 8 });
    expect(insertAtCursor("abc", 10, 12, "!")).toEqual({ text: "abc!", caret: 4 });
    expect(insertAtCursor("abc", 2, 1, "!")).toEqual({ text: "ab!c", caret: 3 });
  });
});

describe("imageMarkdown", () => {
  it("names the image after its file, without the extension", () => {
    expect(imageMarkdown("parcel-label_2.png", "/help/images/5e1c")).toBe(
      "![parcel label 2](/help/images/5e1c)",
    );
  });

  it("drops the characters that would break the markdown", () => {
    expect(imageMarkdown("step [1] \\ done.JPEG", "/help/images/a b(1)")).toBe(
      "![step 1 done](/help/images/a%20b%281%29)",
    );
  });
});

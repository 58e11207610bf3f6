import { describe, expect, it } from "vitest";
import { articleLink, draftQuery, insertBlock } from "./article-link.js";

describe("articleLink", () => {
  it("makes a markdown link, escaping brackets in the title", () => {
    expect(articleLink({ title: "Returns [EU]", url: "https://h.example/help/en/articles/3-returns" })).toBe(
      "[Returns \\[EU\\]](https://h.example/help/en/articles/3-returns)",
    );
  });
});

describe("insertBlock", () => {
  it("puts the block on its own paragraph after text", () => {
    expect(insertBlock("Hello", 5, "[A](u)")).toEqual({ text: "Hello\n\n[A](u)", caret: 13 });
  });
  it("inserts into an empty draft as is", () => {
    expect(insertBlock("", 0, "[A](u)")).toEqual({ text: "[A](u)", caret: 6 });
  });
  it("keeps the text after the caret on its own line", () => {
    expect(insertBlock("Hi\n\nBye", 4, "[A](u)").text).toBe("Hi\n\n[A](u)\nBye");
  });
  it("clamps a caret beyond the text", () => {
    expect(insertBlock("Hi\n", 99, "x").text).toBe("Hi\n\nx");
  });
});

describe("draftQuery", () => {
  it("drops links, addresses and markup", () => {
    expect(draftQuery("**Sorry** about [the parcel](https://x.example/a) see https://y.example")).toBe(
      "Sorry about the parcel see",
    );
  });
  it("caps the length", () => {
    expect(draftQuery("a".repeat(900)).length).toBe(500);
  });
});

import { describe, expect, it } from "vitest";
import type { TSavedReply } from "../../api/saved-reply-queries.js";
import { placeSavedReply, replySnippet, slashAt } from "./slash-command.js";

describe("slashAt", () => {
  it("finds a slash at the start of the draft, of a line, or after a space", () => {
    expect(slashAt("/", 1)).toEqual({ start: 0, end: 1, query: "" });
    expect(slashAt("/lost", 5)).toEqual({ start: 0, end: 5, query: "lost" });
    expect(slashAt("Hi Ana,\n/refu", 13)).toEqual({ start: 8, end: 13, query: "refu" });
    expect(slashAt("Hi /dostava", 11)).toEqual({ start: 3, end: 11, query: "dostava" });
    expect(slashAt("Привет /потер", 13)).toEqual({ start: 7, end: 13, query: "потер" });
  });

  it("ignores slashes inside words and links, and a query the agent typed past", () => {
    expect(slashAt("and/or", 6)).toBeNull();
    expect(slashAt("see https://example.com/help", 28)).toBeNull();
    expect(slashAt("/lost order", 11)).toBeNull();
    expect(slashAt("1/2", 3)).toBeNull();
    expect(slashAt("/a/b", 4)).toBeNull();
  });

  it("reads only what is before the caret", () => {
    expect(slashAt("/lost and more", 5)).toEqual({ start: 0, end: 5, query: "lost" });
  });
});

describe("placeSavedReply", () => {
  it("puts the reply where the /query was, the caret after it", () => {
    expect(placeSavedReply("Hi!\n/lost", { start: 4, end: 9, query: "lost" }, "Sorry, Ana.")).toEqual({
      text: "Hi!\nSorry, Ana.",
      caret: 15,
    });
    expect(placeSavedReply("/lo tail", { start: 0, end: 3, query: "lo" }, "X")).toEqual({
      text: "X tail",
      caret: 1,
    });
  });

  it("finds the token again when text was typed before it meanwhile", () => {
    expect(placeSavedReply("Hello Ana /lost", { start: 4, end: 9, query: "lost" }, "Body")).toEqual({
      text: "Hello Ana Body",
      caret: 14,
    });
  });

  it("adds the reply at the end when the token is gone", () => {
    expect(placeSavedReply("Dear Ana", { start: 0, end: 5, query: "lost" }, "Body")).toEqual({
      text: "Dear Ana\n\nBody",
      caret: 14,
    });
  });
});

describe("replySnippet", () => {
  const reply = (variants: TSavedReply["variants"]) => ({ variants }) as TSavedReply;

  it("reads variables as their fallback or an ellipsis, on one line, in the reader's language", () => {
    const both = reply([
      { lang: "en", body: 'Hi {{ customer.firstName | "there" }},\n\nOrder {{order.number}} is on its way.' },
      { lang: "hr", body: "Pozdrav {{ customer.firstName }}," },
    ]);
    expect(replySnippet(both, "en")).toBe("Hi there, Order … is on its way.");
    expect(replySnippet(both, "hr")).toBe("Pozdrav …,");
    expect(replySnippet(both, "sk")).toBe("Hi there, Order … is on its way.");
    expect(replySnippet(reply([{ lang: "en", body: '{{ agent.name | "the \\"team\\"" }}' }]), "en")).toBe(
      'the "team"',
    );
  });

  it("cuts a long text with an ellipsis", () => {
    expect(replySnippet(reply([{ lang: "en", body: "word ".repeat(40) }]), "en", 20)).toBe(
      "word word word word…",
    );
  });
});

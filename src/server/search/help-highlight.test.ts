import { describe, expect, it } from "vitest";
import { highlightText, snippetOf } from "./help-highlight.js";

describe("highlightText", () => {
  it("marks the inflected forms of a query word", () => {
    expect(highlightText("Returning customers return items", "return", "en")).toBe(
      "<mark>Returning</mark> customers <mark>return</mark> items",
    );
    expect(highlightText("Возврат товара и сроки возврата", "возвратом", "ru")).toBe(
      "<mark>Возврат</mark> товара и сроки <mark>возврата</mark>",
    );
    expect(highlightText("Dostava i plaćanje dostave", "dostavu", "hr")).toBe(
      "<mark>Dostava</mark> i plaćanje <mark>dostave</mark>",
    );
    expect(highlightText("Stav objednávky", "objednávka", "sk")).toBe("Stav <mark>objednávky</mark>");
  });

  it("marks words the query typed without diacritics", () => {
    expect(highlightText("Račun za narudžbu", "racun", "hr")).toBe("<mark>Račun</mark> za narudžbu");
    expect(highlightText("Poštovné a doprava", "postovne", "sk")).toBe("<mark>Poštovné</mark> a doprava");
    expect(highlightText("Счёт и оплата", "счет", "ru")).toBe("<mark>Счёт</mark> и оплата");
  });

  it("marks the word being typed as a prefix, and words a typo meant", () => {
    expect(highlightText("Reset your password", "reset pass", "en")).toBe(
      "<mark>Reset</mark> your <mark>password</mark>",
    );
    expect(highlightText("Reset your password", "reset pass ", "en")).toBe(
      "<mark>Reset</mark> your password",
    );
    expect(highlightText("Dostava i povrat", "dostvaa", "hr")).toBe("<mark>Dostava</mark> i povrat");
  });

  it("takes a query word found as written for spelled right", () => {
    expect(highlightText("Order history and border fees", "order", "en")).toBe(
      "<mark>Order</mark> history and border fees",
    );
    expect(highlightText("Border fees", "order", "en")).toBe("<mark>Border</mark> fees");
  });

  it("never marks stop words", () => {
    expect(highlightText("The return of the item", "the return", "en")).toBe(
      "The <mark>return</mark> of the item",
    );
  });

  it("escapes the text, marks included", () => {
    expect(highlightText(`<script>alert("x")</script> & 'script'`, "script", "en")).toBe(
      "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; &#39;<mark>script</mark>&#39;",
    );
    expect(highlightText("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>", "en")).toBe(
      "&lt;<mark>img</mark> <mark>src</mark>=x <mark>onerror</mark>=<mark>alert</mark>(<mark>1</mark>)&gt;",
    );
  });

  it("returns the escaped text when nothing matches", () => {
    expect(highlightText("Fish & chips", "", "en")).toBe("Fish &amp; chips");
    expect(highlightText("Fish & chips", "the", "en")).toBe("Fish &amp; chips");
  });
});

const body =
  "Orders ship within one business day from our warehouse in Zagreb. Standard delivery takes two to four " +
  "working days and express delivery arrives the next working day. We send a confirmation email with a " +
  "tracking link as soon as the courier collects the parcel. If your parcel has not arrived after ten " +
  "working days, write to us: we will ask the courier to trace it and send a replacement if it is lost. " +
  "Returns are free within thirty days.";

describe("snippetOf", () => {
  it("cuts about `length` characters around the best match, at word boundaries, with ellipses", () => {
    const snippet = snippetOf(body, "parcel lost", "en");
    expect(snippet).toMatch(/^…\S/);
    expect(snippet).toMatch(/\S…$/);
    expect(snippet).toContain("<mark>parcel</mark>");
    expect(snippet).toContain("<mark>lost</mark>");
    const plain = snippet.replace(/<\/?mark>/g, "").replace(/…/g, "");
    expect(plain.length).toBeLessThanOrEqual(160);
    expect(plain.length).toBeGreaterThan(120);
    expect(body).toContain(plain);
  });

  it("prefers the stretch showing the most query words", () => {
    const snippet = snippetOf(body, "courier trace replacement", "en", 80);
    expect(snippet).toContain("<mark>trace</mark>");
    expect(snippet).toContain("<mark>replacement</mark>");
  });

  it("starts at the beginning when the match is there", () => {
    const snippet = snippetOf(body, "orders", "en");
    expect(snippet.startsWith("<mark>Orders</mark> ship")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
  });

  it("shows the start of the body when nothing matches", () => {
    const snippet = snippetOf(body, "invoice", "en");
    expect(snippet.startsWith("Orders ship within")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(snippet).not.toContain("<mark>");
  });

  it("keeps a short body whole, with whitespace collapsed", () => {
    expect(snippetOf("Returns are\n\nfree.", "return", "en")).toBe("<mark>Returns</mark> are free.");
  });

  it("escapes the body", () => {
    const snippet = snippetOf(`${body} <script>alert(1)</script> parcel`, "script", "en");
    expect(snippet).toContain("&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;");
    expect(snippet).not.toMatch(/<(?!\/?mark>)/);
  });
});

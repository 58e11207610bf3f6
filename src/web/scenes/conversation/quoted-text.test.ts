import { describe, expect, it } from "vitest";
import { splitQuotedText, type TextPart } from "./quoted-text.js";

const visible = (parts: TextPart[]) =>
  parts
    .filter((part) => !part.isQuoted)
    .map((part) => part.text)
    .join("\n")
    .trim();
const quoted = (parts: TextPart[]) =>
  parts
    .filter((part) => part.isQuoted)
    .map((part) => part.text)
    .join("\n")
    .trim();

describe("splitQuotedText", () => {
  it("gives the text back unchanged when joined", () => {
    const text = "Thanks!\n\nOn Wed, Mar 11, 2026 at 5:00 PM Heed <s@heed.example> wrote:\n> Try again.\n";
    expect(
      splitQuotedText(text)
        .map((part) => part.text)
        .join("\n"),
    ).toBe(text);
  });

  it("folds a Gmail reply's attribution and its quote (the gmail-reply fixture's text)", () => {
    const parts = splitQuotedText(
      "Thanks, that fixed it!\n\nOn Wed, Mar 11, 2026 at 5:00\u202fPM Heed Support <support@heed.example> wrote:\n\n" +
        "> Please clear the cache and try again.\n>\n> > I still see the old logo.\n>\n",
    );
    expect(visible(parts)).toBe("Thanks, that fixed it!");
    expect(quoted(parts)).toMatch(/^On Wed, .* wrote:\n\n> Please clear the cache/);
    expect(quoted(parts)).toContain("> > I still see the old logo.");
  });

  it("recognizes an attribution a client wrapped over two lines", () => {
    const parts = splitQuotedText(
      "Yes.\n\nOn Mon, Mar 9, 2026 at 10:00 AM Heed Support <\nsupport@heed.example> wrote:\n> Is it fixed?",
    );
    expect(visible(parts)).toBe("Yes.");
  });

  it.each([
    ["Russian (Thunderbird)", "12.03.2026 17:00, Heed Support пишет:"],
    ["Russian (Outlook)", "Heed Support написал(а):"],
    ["Russian (Gmail)", "чт, 12 мар. 2026 г. в 17:00, Heed Support <support@heed.example>:"],
    ["Croatian (Gmail)", "sri, 11. ožu 2026. u 17:00 Heed Support <support@heed.example> napisao je:"],
    ["Croatian (Thunderbird)", "Dana 11.3.2026. u 17:00, Heed Support je napisao:"],
    ["Slovak (Gmail)", "st 11. 3. 2026 o 17:00 Heed Support <support@heed.example> napísal(a):"],
    ["Slovak (Thunderbird)", "Dňa 11.3.2026 o 17:00 Heed Support napísal:"],
    ["English (Thunderbird)", "On 3/11/26 5:00 PM, Heed Support wrote:"],
  ])("folds a %s attribution with its quote", (_client, attribution) => {
    const parts = splitQuotedText(`Odgovor.\n\n${attribution}\n> Pitanje?\n> Još jedno.`);
    expect(visible(parts)).toBe("Odgovor.");
    expect(quoted(parts)).toBe(`${attribution}\n> Pitanje?\n> Još jedno.`);
  });

  it("folds a dated attribution followed by the unquoted original, to the end", () => {
    const parts = splitQuotedText(
      "Sounds good.\n\nOn Tue, 10 Mar 2026 at 09:30, Heed Support <support@heed.example> wrote:\nWe updated the address.",
    );
    expect(visible(parts)).toBe("Sounds good.");
    expect(quoted(parts)).toMatch(/We updated the address\.$/);
  });

  it("keeps a sentence that merely ends in 'wrote:' when no quote follows", () => {
    const text = "Here is what I wrote:\n\n- the order number\n- the address";
    expect(splitQuotedText(text)).toEqual([{ text, isQuoted: false }]);
  });

  it("folds Outlook's Original Message block (the outlook-reply fixture's text)", () => {
    const parts = splitQuotedText(
      "Hi,\n\nthe new address is correct, thank you.\n\nPetra\n\n-----Original Message-----\n" +
        "From: Heed Support <support@heed.example> \nSent: Monday, March 9, 2026 5:12 PM\n" +
        "Subject: [#1042] Invoice address change\n\nWe updated the invoice address.\n",
    );
    expect(visible(parts)).toBe("Hi,\n\nthe new address is correct, thank you.\n\nPetra");
    expect(quoted(parts)).toMatch(/^-----Original Message-----\nFrom: .*We updated the invoice address\.$/s);
  });

  it.each([
    [
      "English",
      "________________________________\nFrom: Heed <s@heed.example>\nSent: Monday, March 9, 2026 5:12 PM",
    ],
    ["Russian", "-----Исходное сообщение-----\nОт: Heed <s@heed.example>\nОтправлено: 9 марта 2026 г. 17:12"],
    ["Croatian", "-----Izvorna poruka-----\nŠalje: Heed <s@heed.example>\nPoslano: 9. ožujka 2026. 17:12"],
    ["Slovak", "From: Heed <s@heed.example>\nOdoslané: 9. marca 2026 17:12\nKomu: Ana"],
  ])("folds an Outlook header block in %s", (_language, block) => {
    const parts = splitQuotedText(`Hvala.\n\n${block}\nPredmet: test\n\nOriginal text.`);
    expect(visible(parts)).toBe("Hvala.");
    expect(quoted(parts)).toMatch(/Original text\.$/);
  });

  it("folds interleaved quotes separately and keeps the answers between them", () => {
    const parts = splitQuotedText("> Question one?\nAnswer one.\n\n> Question two?\n>\n> More.\nAnswer two.");
    expect(parts.map((part) => part.isQuoted)).toEqual([true, false, true, false]);
    expect(parts[2]!.text).toBe("> Question two?\n>\n> More.");
  });

  it("shows everything when the message is nothing but a quote", () => {
    const text = "> Only a quote\n> and nothing else";
    expect(splitQuotedText(text)).toEqual([{ text, isQuoted: false }]);
  });

  it("leaves a message without quotes as one visible part", () => {
    expect(splitQuotedText("Hello,\nwhere is my order?")).toEqual([
      { text: "Hello,\nwhere is my order?", isQuoted: false },
    ]);
  });
});

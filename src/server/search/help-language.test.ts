import { describe, expect, it } from "vitest";
import {
  type HelpLang,
  isStopWord,
  isWithinEdits,
  normalizeWord,
  parseHelpQuery,
  splitWords,
  tokenizeForSearch,
  wordForms,
} from "./help-language.js";

/** All `words` normalize to the same term, which is returned. */
function sameTerm(lang: HelpLang, words: string): string {
  const [first, ...rest] = words.split(" ").map((word) => normalizeWord(word, lang));
  for (const term of rest) expect(term).toBe(first);
  return first ?? "";
}

describe("normalizeWord", () => {
  it("gives inflected forms one term in each language", () => {
    expect(sameTerm("en", "return returns returning returned Return")).toBe("return");
    expect(sameTerm("ru", "возврат возврата возвратом возвраты возвратов Возврат")).toBe("возврат");
    expect(sameTerm("hr", "dostava dostavu dostave dostavom dostavi Dostava")).toBe("dostav");
    expect(sameTerm("hr", "povrat povrata povratu povratom")).toBe("povrat");
    expect(sameTerm("sk", "objednávka objednávky objednávku objednávke objednávkou objednávok")).toBe(
      "objednavk",
    );
  });

  it("gives a word with and without diacritics one term", () => {
    sameTerm("hr", "račun računa računu racun racuna RAČUN");
    sameTerm("hr", "narudžba narudžbu narudzba narudzbu");
    sameTerm("sk", "poštovné poštovného postovne postovneho");
    sameTerm("sk", "vrátenie vrátenia vratenie vratenia");
    sameTerm("ru", "счёт счет счёта счета");
    sameTerm("en", "café cafe");
  });

  it("keeps й, which is a letter of its own in Russian, not и with a mark", () => {
    expect(normalizeWord("чайник", "ru")).toBe("чайник");
    expect(normalizeWord("йогурт", "ru")).toBe("йогурт");
  });

  it("stems Latin words of a Russian text as English", () => {
    sameTerm("ru", "email emails");
  });
});

describe("wordForms", () => {
  it("adds the stem of the word typed without diacritics when the stemmer reads it differently", () => {
    // The Serbian stemmer reads "vraćena" as a participle, "vracena" as something else: both are indexed.
    expect(wordForms("vraćena", "hr")).toEqual([
      normalizeWord("vraćena", "hr"),
      normalizeWord("vracena", "hr"),
    ]);
    expect(wordForms("račun", "hr")).toEqual(["racun"]);
  });

  it("is empty for stop words and lone letters", () => {
    expect(wordForms("the", "en")).toEqual([]);
    expect(wordForms("s", "en")).toEqual([]);
  });
});

describe("isStopWord", () => {
  it("knows each language's function words, with or without diacritics", () => {
    expect(isStopWord("The", "en")).toBe(true);
    expect(isStopWord("ещё", "ru")).toBe(true);
    expect(isStopWord("еще", "ru")).toBe(true);
    expect(isStopWord("što", "hr")).toBe(true);
    expect(isStopWord("sto", "hr")).toBe(true);
    expect(isStopWord("ďakujem", "sk")).toBe(true);
    expect(isStopWord("dakujem", "sk")).toBe(true);
  });

  it("keeps content words", () => {
    expect(isStopWord("order", "en")).toBe(false);
    expect(isStopWord("заказ", "ru")).toBe(false);
    expect(isStopWord("the", "ru")).toBe(false);
  });
});

describe("tokenizeForSearch", () => {
  it("keeps the content words of a customer's question in each language", () => {
    expect(
      tokenizeForSearch("Hi, my parcel still hasn't arrived after two weeks, what can I do?", "en"),
    ).toEqual(["parcel", "arriv", "two", "week"]);
    expect(tokenizeForSearch("Здравствуйте! Мой заказ ещё не пришёл, что мне делать?", "ru")).toEqual([
      "заказ",
      "пришел",
      "дела",
    ]);
    expect(tokenizeForSearch("Poštovani, moja pošiljka još nije stigla, što mogu napraviti?", "hr")).toEqual([
      "posiljk",
      "stigl",
      "napravi",
    ]);
    expect(tokenizeForSearch("Dobrý deň, moja objednávka ešte neprišla. Ďakujem!", "sk")).toEqual([
      "den",
      "objednavk",
      "est",
      "neprisl",
    ]);
  });

  it("splits on punctuation, apostrophes and hyphens, and keeps numbers", () => {
    expect(tokenizeForSearch("e-mail: order #1234 (shipped)", "en")).toEqual([
      "mail",
      "order",
      "1234",
      "ship",
    ]);
  });
});

describe("splitWords", () => {
  it("gives each word with its offsets", () => {
    expect(splitWords("Hi, <b>Ана</b>!")).toEqual([
      { word: "Hi", start: 0, end: 2 },
      { word: "b", start: 5, end: 6 },
      { word: "Ана", start: 7, end: 10 },
      { word: "b", start: 12, end: 13 },
    ]);
  });
});

describe("parseHelpQuery", () => {
  it("reads the last word as a prefix while it is being typed", () => {
    expect(parseHelpQuery("reset pass", "en", "search")).toEqual([
      { term: "reset", isPrefix: false, maxEdits: 1 },
      { term: "pass", isPrefix: true, maxEdits: 1 },
    ]);
    expect(parseHelpQuery("reset pass ", "en", "search").at(-1)?.isPrefix).toBe(false);
    expect(parseHelpQuery("reset pass?", "en", "search").at(-1)?.isPrefix).toBe(false);
  });

  it("reads no prefix in a question", () => {
    expect(parseHelpQuery("reset pass", "en", "question").some((term) => term.isPrefix)).toBe(false);
  });

  it("keeps a stop word being typed, as it may start a content word", () => {
    expect(parseHelpQuery("how to can", "en", "search")).toEqual([
      { term: "can", isPrefix: true, maxEdits: 0 },
    ]);
    expect(parseHelpQuery("how to can", "en", "question")).toEqual([]);
  });

  it("gives each term once", () => {
    expect(parseHelpQuery("return returns returning", "en", "question").map((term) => term.term)).toEqual([
      "return",
    ]);
  });

  it("allows one typo from 4 letters and two from 8, never leaving fewer than 3 letters", () => {
    const edits = (word: string, lang: HelpLang) => parseHelpQuery(`${word} `, lang, "search")[0]?.maxEdits;
    expect(edits("box", "en")).toBe(0);
    expect(edits("cats", "en")).toBe(0);
    expect(edits("parcel", "en")).toBe(1);
    expect(edits("shiping", "en")).toBe(1);
    expect(edits("dostvaa", "hr")).toBe(1);
    expect(edits("pasword", "en")).toBe(1);
    expect(edits("deliverys", "en")).toBe(2);
  });
});

describe("isWithinEdits", () => {
  it("counts insertions, deletions, substitutions and swaps of neighbouring letters", () => {
    expect(isWithinEdits("ship", "shipe", 1)).toBe(true);
    expect(isWithinEdits("order", "border", 1)).toBe(true);
    expect(isWithinEdits("parcel", "parcle", 1)).toBe(true);
    expect(isWithinEdits("dostav", "dostva", 1)).toBe(true);
    expect(isWithinEdits("dostav", "doprav", 1)).toBe(false);
    expect(isWithinEdits("order", "ordering", 2)).toBe(false);
    expect(isWithinEdits("return", "return", 0)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { createHelpIndex, type HelpIndex, type HelpSearchDocument } from "./help-index.js";
import type { HelpLang } from "./help-language.js";

const article = (
  id: string,
  lang: HelpLang,
  title: string,
  description: string,
  keywords: string,
  body: string,
): HelpSearchDocument => ({ id, lang, title, description, keywords, body });

const articles: HelpSearchDocument[] = [
  article(
    "en-return",
    "en",
    "How to return an item",
    "Send a product back within 30 days for a refund.",
    "return, refund, send back",
    "You can return most items within 30 days of delivery. Pack the item in its original box, print the " +
      "label from your account and drop the parcel at any post office. Refunds reach your card within 5 " +
      "working days after the parcel reaches us.",
  ),
  article(
    "en-shipping",
    "en",
    "Shipping times and costs",
    "How long delivery takes and what it costs.",
    "shipping, delivery, courier",
    "Orders ship within one business day. Standard delivery takes 2 to 4 working days; express delivery " +
      "arrives the next working day. Shipping is free for orders over 50 euros.",
  ),
  article(
    "en-tracking",
    "en",
    "Where is my parcel?",
    "Track a parcel that has not arrived yet.",
    "tracking, lost parcel, late delivery",
    "Use the tracking link in your shipping confirmation email. Most parcels arrive within a week. If the " +
      "tracking has not changed for two weeks, the parcel may be lost: write to us and we will send a " +
      "replacement or refund you.",
  ),
  article(
    "en-password",
    "en",
    "Reset your password",
    "Sign in again when you forgot your password.",
    "password, login, sign in",
    "Click Forgot password on the sign-in page and enter your email address. We send a link that works " +
      "for one hour.",
  ),
  article(
    "en-invoice",
    "en",
    "Download an invoice",
    "Get a PDF invoice for an order.",
    "invoice, receipt, VAT",
    "Open the order in your account and choose Download invoice. Returning customers find all their past " +
      "invoices on the same page.",
  ),
  article(
    "en-2fa",
    "en",
    "Two-factor authentication",
    "Protect your account with a second step when you sign in.",
    "security, code",
    "After you turn on two-factor authentication, we ask for a code from your phone each time you sign in " +
      "on a new device.",
  ),
  article(
    "ru-return",
    "ru",
    "Возврат товара",
    "Как вернуть товар и получить деньги.",
    "возврат, деньги",
    "Вы можете вернуть товар в течение 30 дней после получения. Упакуйте товар, распечатайте ярлык в " +
      "личном кабинете и отнесите посылку на почту. Деньги придут на карту в течение 5 рабочих дней.",
  ),
  article(
    "ru-delivery",
    "ru",
    "Доставка и сроки",
    "Сколько идёт посылка.",
    "доставка, курьер",
    "Заказы отправляем в течение одного рабочего дня. Доставка курьером занимает от 2 до 4 дней. Если " +
      "посылка не пришла через две недели, напишите нам.",
  ),
  article(
    "ru-invoice",
    "ru",
    "Счёт и оплата",
    "Как оплатить заказ и получить счёт.",
    "оплата, карта",
    "Счёт приходит на электронную почту сразу после оплаты заказа. Оплатить можно картой или переводом.",
  ),
  article(
    "hr-delivery",
    "hr",
    "Dostava",
    "Koliko traje dostava i koliko košta.",
    "poštarina, kurir",
    "Narudžbe šaljemo u roku od jednog radnog dana. Dostava traje od 2 do 4 radna dana. Besplatnu dostavu " +
      "dobivate za narudžbe iznad 50 eura.",
  ),
  article(
    "hr-invoice",
    "hr",
    "Račun za narudžbu",
    "Kako preuzeti račun.",
    "PDV, plaćanje",
    "Račun možete preuzeti u korisničkom profilu. Na računu su navedeni PDV i način plaćanja.",
  ),
  article(
    "hr-return",
    "hr",
    "Povrat robe",
    "Vraćanje proizvoda u roku od 14 dana.",
    "zamjena, reklamacija",
    "Proizvod možete vratiti u roku od 14 dana. Vraćena roba mora biti neoštećena. Troškove slanja snosi kupac.",
  ),
  article(
    "sk-order",
    "sk",
    "Objednávka",
    "Ako vytvoriť a sledovať objednávku.",
    "stav, košík",
    "Objednávku vytvoríte v košíku. Stav objednávky nájdete vo svojom účte spolu so zoznamom objednávok.",
  ),
  article(
    "sk-postage",
    "sk",
    "Poštovné a doprava",
    "Koľko stojí poštovné.",
    "doprava, kuriér",
    "Pri objednávke nad 50 eur je poštovné zadarmo. Doprava kuriérom trvá 1 až 3 pracovné dni.",
  ),
  article(
    "sk-return",
    "sk",
    "Vrátenie tovaru",
    "Ako vrátiť tovar do 14 dní.",
    "reklamácia, peniaze",
    "Tovar môžete vrátiť do 14 dní od prevzatia. Peniaze vám pošleme na účet do 5 pracovných dní.",
  ),
];

const index = createHelpIndex(articles);
const ids = (query: string, lang: HelpLang, mode: "search" | "question" = "search", limit?: number) =>
  index.search(query, lang, { mode, limit }).map((hit) => hit.id);
const first = (query: string, lang: HelpLang, mode: "search" | "question" = "search") =>
  ids(query, lang, mode)[0];

describe("createHelpIndex", () => {
  it("holds every article once, per language", () => {
    expect(index.size).toBe(articles.length);
    expect(index.has("ru-return", "ru")).toBe(true);
    expect(index.has("ru-return", "en")).toBe(false);
  });

  it("throws on an unknown language", () => {
    const bad = { ...articles[0], lang: "de" } as unknown as HelpSearchDocument;
    expect(() => createHelpIndex([bad])).toThrow(/language/);
  });
});

describe("HelpIndex.search", () => {
  it("finds an article by inflected forms of its title", () => {
    expect(first("returns", "en")).toBe("en-return");
    expect(first("returning an item", "en")).toBe("en-return");
    expect(first("возврата", "ru")).toBe("ru-return");
    expect(first("возвратом", "ru")).toBe("ru-return");
    expect(first("dostavu", "hr")).toBe("hr-delivery");
    expect(first("dostave", "hr")).toBe("hr-delivery");
    expect(first("povrata", "hr")).toBe("hr-return");
    expect(first("objednávky", "sk")).toBe("sk-order");
    expect(first("objednávku", "sk")).toBe("sk-order");
  });

  it("tolerates typos in words of four letters or more", () => {
    expect(first("shiping", "en")).toBe("en-shipping");
    expect(first("pasword", "en")).toBe("en-password");
    expect(first("dostvaa", "hr")).toBe("hr-delivery");
    expect(first("dostavaa ", "hr")).toBe("hr-delivery");
    expect(first("возрват", "ru")).toBe("ru-return");
  });

  it("does not turn a short word into another one", () => {
    expect(ids("bos ", "en")).toEqual([]); // not "box"
  });

  it("finds words typed without diacritics, and ё typed as е", () => {
    expect(first("racun", "hr")).toBe("hr-invoice");
    expect(first("narudzbu ", "hr")).toBe("hr-invoice");
    expect(first("postovne", "sk")).toBe("sk-postage");
    expect(first("vratenie", "sk")).toBe("sk-return");
    expect(first("счет", "ru")).toBe("ru-invoice");
    expect(first("идет посылка", "ru")).toBe("ru-delivery");
  });

  it("finds words typed with diacritics the article left out", () => {
    const plain = createHelpIndex([
      article("plain", "hr", "Racun za narudzbu", "", "", "Racun preuzmite u profilu."),
    ]);
    expect(plain.search("račun", "hr").map((hit) => hit.id)).toEqual(["plain"]);
  });

  it("ignores stop words", () => {
    expect(ids("how do I return it", "en")).toEqual(ids("return", "en"));
    expect(ids("как мне сделать возврат", "ru")).toEqual(ids("возврат", "ru"));
    expect(ids("what is this about", "en")).toEqual([]);
  });

  it("ranks a title match above a body match", () => {
    // "Returning customers" is in the invoice article's body only.
    const found = ids("return", "en");
    expect(found[0]).toBe("en-return");
    expect(found).toContain("en-invoice");
    expect(found.indexOf("en-return")).toBeLessThan(found.indexOf("en-invoice"));
  });

  it("ranks articles matching more of the query first", () => {
    // Both words: the tracking article; "parcel" alone: the return article's body.
    expect(first("parcel tracking", "en")).toBe("en-tracking");
    expect(first("invoice order", "en")).toBe("en-invoice");
  });

  it("completes the word being typed", () => {
    expect(first("retu", "en")).toBe("en-return");
    expect(first("reset pass", "en")).toBe("en-password");
    expect(first("возвр", "ru")).toBe("ru-return");
    expect(first("dosta", "hr")).toBe("hr-delivery");
    expect(first("objedn", "sk")).toBe("sk-order");
  });

  it("completes a stop word being typed, which may be the start of a content word", () => {
    const withCancel = createHelpIndex([article("cancel", "en", "Cancel an order", "", "", "")]);
    expect(withCancel.search("can", "en").map((hit) => hit.id)).toEqual(["cancel"]);
    expect(withCancel.search("can ", "en")).toEqual([]);
  });

  it("completes nothing once the word is finished, nor in a question", () => {
    expect(ids("retu ", "en")).toEqual([]);
    expect(ids("retu", "en", "question")).toEqual([]);
  });

  it("suggests articles for a whole customer question by its content words", () => {
    const question = "Hi, my parcel still hasn't arrived after two weeks, what can I do?";
    const found = ids(question, "en", "question");
    expect(found[0]).toBe("en-tracking");
    // "two" alone is no reason to suggest two-factor authentication.
    expect(found).not.toContain("en-2fa");

    expect(
      first("Здравствуйте! Посылка так и не пришла, прошло две недели. Что делать?", "ru", "question"),
    ).toBe("ru-delivery");
    expect(first("Poštovani, kako mogu vratiti proizvod koji mi ne odgovara?", "hr", "question")).toBe(
      "hr-return",
    );
    expect(first("Dobrý deň, koľko stojí poštovné na Slovensko?", "sk", "question")).toBe("sk-postage");
  });

  it("suggests nothing for a question without a known content word", () => {
    expect(ids("Hello, thank you very much!", "en", "question")).toEqual([]);
    expect(ids("Hello, my cat likes jazz", "en", "question")).toEqual([]);
  });

  it("answers in the asked language only", () => {
    const mixed = createHelpIndex([
      article("a1", "en", "Delivery", "", "", "Delivery takes two days."),
      article("a1", "hr", "Dostava", "", "", "Dostava traje dva dana. Delivery."),
      article("a2", "sk", "Doprava", "", "", "Doprava trvá dva dni."),
    ]);
    expect(mixed.search("возврат", "en")).toEqual([]);
    expect(mixed.search("return", "ru")).toEqual([]);
    expect(mixed.search("dostava", "sk")).toEqual([]);
    expect(mixed.search("dostava", "en")).toEqual([]);
    expect(mixed.search("delivery", "hr").map((hit) => hit.id)).toEqual(["a1"]);
    expect(mixed.search("delivery", "hr")[0]?.terms).toEqual(["delivery"]);
    expect(ids("возврат", "en")).toEqual([]);
    expect(ids("return", "ru")).toEqual([]);
  });

  it("returns the matched normalized terms of each hit", () => {
    const [hit] = index.search("returning parcels", "en", { mode: "question" });
    expect(hit?.id).toBe("en-return");
    expect(hit?.terms.sort()).toEqual(["parcel", "return"]);
    expect(index.search("dostvaa", "hr")[0]?.terms).toEqual(["dostav"]);
  });

  it("respects the limit", () => {
    expect(ids("delivery parcel order", "en", "search", 2)).toHaveLength(2);
    expect(ids("delivery parcel order", "en", "search", 0)).toEqual([]);
  });

  it("is deterministic: equal scores come in id order", () => {
    const twins = createHelpIndex([
      article("b", "en", "Gift cards", "", "", "Gift cards never expire."),
      article("c", "en", "Gift cards", "", "", "Gift cards never expire."),
      article("a", "en", "Gift cards", "", "", "Gift cards never expire."),
    ]);
    const hits = twins.search("gift", "en");
    expect(hits.map((hit) => hit.id)).toEqual(["a", "b", "c"]);
    expect(new Set(hits.map((hit) => hit.score)).size).toBe(1);
    expect(createHelpIndex(articles).search("delivery parcel", "en")).toEqual(
      index.search("delivery parcel", "en"),
    );
  });
});

describe("HelpIndex.remove and updates", () => {
  const build = (): HelpIndex => createHelpIndex(articles);

  it("forgets a removed article, in its language only", () => {
    const edited = build();
    edited.add(article("en-return", "hr", "Povrat", "", "", "Povrat proizvoda."));
    edited.remove("en-return", "en");
    expect(edited.has("en-return", "en")).toBe(false);
    expect(edited.has("en-return", "hr")).toBe(true);
    expect(edited.size).toBe(articles.length);
    expect(edited.search("return", "en").map((hit) => hit.id)).not.toContain("en-return");
    expect(edited.search("refund", "en").map((hit) => hit.id)).not.toContain("en-return");
  });

  it("ignores removing an article it does not have", () => {
    const edited = build();
    edited.remove("nope", "en");
    edited.remove("en-return", "ru");
    expect(edited.size).toBe(articles.length);
  });

  it("replaces an article added again with the same id and language", () => {
    const edited = build();
    edited.add(
      article("en-return", "en", "Exchange an item", "Swap for another size.", "exchange", "Swap it."),
    );
    expect(edited.size).toBe(articles.length);
    expect(edited.search("exchange", "en").map((hit) => hit.id)).toEqual(["en-return"]);
    expect(edited.search("refund", "en").map((hit) => hit.id)).not.toContain("en-return");
  });

  it("scores as if built afresh after a remove", () => {
    const edited = build();
    edited.remove("en-invoice", "en");
    const fresh = createHelpIndex(articles.filter((doc) => doc.id !== "en-invoice"));
    const scores = (target: HelpIndex) =>
      target.search("return order", "en").map((hit) => [hit.id, hit.score]);
    const [editedScores, freshScores] = [scores(edited), scores(fresh)];
    expect(editedScores.map(([id]) => id)).toEqual(freshScores.map(([id]) => id));
    editedScores.forEach(([, score], i) => expect(score).toBeCloseTo(freshScores[i]?.[1] as number, 9));
  });

  it("stops completing a word no article contains any more", () => {
    const edited = createHelpIndex([
      article("x", "en", "Warranty", "", "", ""),
      article("y", "en", "Warehouse", "", "", ""),
    ]);
    expect(edited.search("war", "en").map((hit) => hit.id)).toEqual(["x", "y"]);
    edited.remove("x", "en");
    expect(edited.search("warr", "en").map((hit) => hit.id)).toEqual([]);
    edited.add(article("x", "en", "Warranty", "", "", ""));
    expect(edited.search("warr", "en").map((hit) => hit.id)).toEqual(["x"]);
  });
});

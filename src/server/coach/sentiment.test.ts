import { describe, expect, it } from "vitest";
import type { CoachLang } from "./coach.js";
import { type Sentiment, sentimentOf } from "./sentiment.js";

/** Customer messages as they arrive: complaints, plain questions, thanks. */
const cases: Record<CoachLang, [string, Sentiment][]> = {
  en: [
    ["This is ridiculous, my order is two weeks late and nobody answers!", "negative"],
    ["I'm really disappointed, the jacket arrived damaged.", "negative"],
    ["I am not happy with the service at all.", "negative"],
    ["The app doesn't work and I'm fed up.", "negative"],
    ["WORST experience ever. Never again!!!", "negative"],
    ["Where is my order? I placed it on Monday.", "neutral"],
    ["Can I change the delivery address to my office?", "neutral"],
    ["Do you ship to Slovenia?", "neutral"],
    ["Thank you so much, that was really quick!", "positive"],
    ["Great service, the new charger works perfectly.", "positive"],
    ["The box was a bit dented, but the lamp is lovely and works great.", "positive"],
    ["Not bad at all.", "neutral"],
  ],
  ru: [
    ["Это ужасно, заказ опаздывает на две недели и никто не отвечает!", "negative"],
    ["Я очень разочарована, куртка пришла поврежденной.", "negative"],
    ["Я не доволен вашим сервисом.", "negative"],
    ["Приложение не работает, сколько можно?", "negative"],
    ["Где мой заказ? Я оформил его в понедельник.", "neutral"],
    ["Можно поменять адрес доставки на офис?", "neutral"],
    ["Вы доставляете в Казань?", "neutral"],
    ["Большое спасибо, все очень быстро!", "positive"],
    ["Отличный сервис, новая зарядка работает прекрасно.", "positive"],
    ["Коробка немного помята, но лампа чудесная.", "positive"],
  ],
  hr: [
    ["Ovo je užasno, narudžba kasni dva tjedna i nitko ne odgovara!", "negative"],
    ["Jako sam razočarana, jakna je stigla oštećena.", "negative"],
    ["Nisam zadovoljan vašom uslugom.", "negative"],
    ["Aplikacija ne radi i stvarno me živcira.", "negative"],
    ["Gdje je moja narudžba? Naručio sam je u ponedjeljak.", "neutral"],
    ["Mogu li promijeniti adresu dostave?", "neutral"],
    ["Šaljete li u Sloveniju?", "neutral"],
    ["Puno hvala, sve je bilo jako brzo!", "positive"],
    ["Odlična usluga, novi punjač radi savršeno.", "positive"],
    ["Kutija je malo udubljena, ali lampa je divna.", "positive"],
  ],
  sk: [
    ["To je hrozné, objednávka mešká dva týždne a nikto neodpovedá!", "negative"],
    ["Som veľmi sklamaná, bunda prišla poškodená.", "negative"],
    ["Nie som spokojný s vašimi službami.", "negative"],
    ["Aplikácia nefunguje a už ma to naozaj hnevá, je to zbytočné.", "negative"],
    ["Kde je moja objednávka? Objednal som ju v pondelok.", "neutral"],
    ["Môžem zmeniť adresu doručenia?", "neutral"],
    ["Posielate aj do Česka?", "neutral"],
    ["Veľmi pekne ďakujem, všetko bolo rýchle!", "positive"],
    ["Výborné služby, nová nabíjačka funguje perfektne.", "positive"],
    ["Krabica bola trochu pokrčená, ale lampa je úžasná.", "positive"],
  ],
};

describe("sentimentOf", () => {
  for (const [lang, sentences] of Object.entries(cases) as [CoachLang, [string, Sentiment][]][]) {
    it.each(sentences)(`(${lang}) %j is %s`, (text, expected) => {
      const result = sentimentOf(text, lang);
      expect(result.sentiment).toBe(expected);
      expect(result.score).toBeGreaterThanOrEqual(-1);
      expect(result.score).toBeLessThanOrEqual(1);
    });
  }

  it("turns a negated word around", () => {
    expect(sentimentOf("I am happy.", "en").score).toBeGreaterThan(0);
    expect(sentimentOf("I am not happy.", "en").score).toBeLessThan(0);
    expect(sentimentOf("не доволен", "ru").score).toBeLessThan(0);
    expect(sentimentOf("nisam zadovoljna", "hr").score).toBeLessThan(0);
    expect(sentimentOf("nie som spokojný", "sk").score).toBeLessThan(0);
  });

  it("weighs intensifiers, exclamation marks and shouting a little", () => {
    const plain = sentimentOf("The delay is bad.", "en").score;
    expect(sentimentOf("The delay is very bad.", "en").score).toBeLessThan(plain);
    expect(sentimentOf("The delay is bad!", "en").score).toBeLessThan(plain);
    expect(sentimentOf("The delay is BAD.", "en").score).toBeLessThan(plain);
  });

  it("reads text typed without diacritics", () => {
    expect(sentimentOf("Som velmi sklamana.", "sk").sentiment).toBe("negative");
    expect(sentimentOf("Uzasno, paket je ostecen.", "hr").sentiment).toBe("negative");
  });

  it("is neutral for an empty message", () => {
    expect(sentimentOf("", "en")).toEqual({ sentiment: "neutral", score: 0 });
  });
});

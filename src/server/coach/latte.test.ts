import { describe, expect, it } from "vitest";
import { type CoachLang, coachReply, type LatteStep } from "./coach.js";

const latteOf = (lang: CoachLang, text: string, customerText = "") =>
  coachReply({ text, lang, complaint: true, customerText }).latte!;
const ticked = (lang: CoachLang, text: string, customerText = "") =>
  (Object.entries(latteOf(lang, text, customerText)) as [LatteStep, boolean][])
    .filter(([, done]) => done)
    .map(([step]) => step);

const ALL: LatteStep[] = ["listen", "acknowledge", "takeAction", "thank", "explain"];

describe("LATTE", () => {
  it("ticks every step of a full reply, in every language", () => {
    expect(
      ticked(
        "en",
        "I understand that your blender arrived with a cracked jug. I'm so sorry about that. I've sent a new jug " +
          "by express. Thank you for the photos. It will arrive tomorrow before noon.",
      ),
    ).toEqual(ALL);
    expect(
      ticked(
        "ru",
        "Если я правильно поняла, блендер пришел с треснувшей чашей. Мне очень жаль. Я уже отправила новую чашу " +
          "экспресс-доставкой. Спасибо за фотографии. Курьер привезет ее завтра до обеда.",
      ),
    ).toEqual(ALL);
    expect(
      ticked(
        "hr",
        "Ako sam dobro shvatio, blender je stigao s napuklom posudom. Iskreno mi je žao. Poslao sam vam novu posudu " +
          "ekspresnom dostavom. Hvala na fotografijama. Stići će sutra do podne.",
      ),
    ).toEqual(ALL);
    expect(
      ticked(
        "sk",
        "Ak som správne pochopila, mixér prišiel s prasknutou nádobou. Veľmi ma to mrzí. Poslala som vám novú " +
          "nádobu expresnou zásielkou. Ďakujem za fotky. Kuriér ju doručí zajtra do obeda.",
      ),
    ).toEqual(ALL);
  });

  it("knows both genders of the past tense", () => {
    for (const [lang, he, she] of [
      ["ru", "Я оформил возврат.", "Я оформила возврат."],
      ["hr", "Poslao sam novi paket.", "Poslala sam novi paket."],
      ["sk", "Vrátil som vám peniaze.", "Vrátila som vám peniaze."],
    ] as const) {
      expect(latteOf(lang, he).takeAction, he).toBe(true);
      expect(latteOf(lang, she).takeAction, she).toBe(true);
    }
  });

  it("does not take the customer's own action for the agent's", () => {
    expect(latteOf("ru", "Вы отправили нам фото.").takeAction).toBe(false);
    expect(latteOf("hr", "Poslali ste nam fotografiju.").takeAction).toBe(false);
    expect(latteOf("sk", "Poslali ste nám fotku.").takeAction).toBe(false);
    expect(latteOf("en", "You sent us the photo.").takeAction).toBe(false);
  });

  it("hears Listen in a restatement of the customer's words", () => {
    const customer = "My parcel arrived yesterday and the ceramic vase inside was completely shattered.";
    expect(
      latteOf("en", "So sorry the ceramic vase was shattered when the parcel arrived.", customer).listen,
    ).toBe(true);
    expect(latteOf("en", "So sorry about this, I'll sort it out.", customer).listen).toBe(false);
    const kupac = "Narudžba 48213 stigla je bez punjača.";
    expect(latteOf("hr", "Narudžbu 48213 dopunit ćemo punjačem.", kupac).listen).toBe(true);
  });

  it("needs a future and a time in one sentence for Explain", () => {
    expect(latteOf("en", "The courier will pick it up. We open on Monday.").explain).toBe(false);
    expect(latteOf("en", "The courier will pick it up on Monday.").explain).toBe(true);
  });
});

describe("LATTE, conditionals", () => {
  it("does not take a plan or an offer for an action already taken", () => {
    expect(latteOf("sk", "Chcete, aby sme balík skontrolovali?").takeAction).toBe(false);
    expect(latteOf("sk", "Balík sme už skontrolovali.").takeAction).toBe(true);
  });
});

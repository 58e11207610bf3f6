import { describe, expect, it } from "vitest";
import { guessLanguage } from "./guess-language.js";

describe("guessLanguage", () => {
  it.each([
    ["Hello, my order has not arrived and I would like a refund please", "en"],
    ["Здравствуйте, где мой заказ? Уже неделя прошла", "ru"],
    ["Poštovani, naručila sam haljinu prije dva tjedna i još nije stigla", "hr"],
    ["Dobrý deň, objednávka ešte neprišla, prosím o informáciu", "sk"],
    ["Narudzba nije stigla, molim vas pomoc", "hr"],
    ["Objednavka neprisla, prosim vas o pomoc, dakujem", "sk"],
    ["Ćao, gdje je paket?", "hr"],
  ])("reads %j as %s", (text, language) => {
    expect(guessLanguage(text)).toBe(language);
  });

  it("is not swayed by letters inside codes and numbers", () => {
    expect(guessLanguage("Hello, I have a question about order 3a1a7a2a, ref a-4a9a")).toBe("en");
  });

  it("returns null when the text gives no sign", () => {
    expect(guessLanguage("12345 #4411")).toBeNull();
    expect(guessLanguage("")).toBeNull();
  });
});

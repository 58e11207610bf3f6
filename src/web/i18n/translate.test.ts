import { describe, expect, it } from "vitest";
import { translate } from "./translate.js";

const en = {
  hello: "Hello, {name}",
  conversations: { one: "{count} conversation", other: "{count} conversations" },
  onlyEnglish: "Only in English",
};
const ru = {
  hello: "Привет, {name}",
  conversations: {
    one: "{count} разговор",
    few: "{count} разговора",
    many: "{count} разговоров",
    other: "{count} разговора",
  },
};

describe("translate", () => {
  it("fills placeholders", () => {
    expect(translate(ru, en, "ru", "hello", { name: "Ана" })).toBe("Привет, Ана");
  });

  it("chooses Russian plural forms by the Russian rules, not the English ones", () => {
    const say = (count: number) => translate(ru, en, "ru", "conversations", { count });
    expect(say(1)).toBe("1 разговор");
    expect(say(21)).toBe("21 разговор");
    expect(say(3)).toBe("3 разговора");
    expect(say(5)).toBe("5 разговоров");
    expect(say(11)).toBe("11 разговоров");
    expect(say(1000)).toBe("1\u00a0000 разговоров");
  });

  it("falls back to English for a missing key, and shows the key when English lacks it too", () => {
    expect(translate(ru, en, "ru", "onlyEnglish")).toBe("Only in English");
    expect(translate(ru, en, "ru", "nowhere.at.all")).toBe("nowhere.at.all");
  });

  it("leaves unknown placeholders visible", () => {
    expect(translate(en, en, "en", "hello")).toBe("Hello, {name}");
  });
});

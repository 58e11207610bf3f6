import { describe, expect, it } from "vitest";
import { durationText, emailText } from "./email-text.js";

describe("emailText", () => {
  it("fills placeholders in each language and falls back to English for an unknown one", () => {
    expect(emailText("hr", "greetingNamed", { name: "Ana" })).toBe("Pozdrav, Ana,");
    expect(emailText("xx", "greeting")).toBe("Hello,");
  });

  it("words durations with each language's plural forms", () => {
    expect(durationText("en", 60)).toBe("1 minute");
    expect(durationText("ru", 22 * 60)).toBe("22 минуты");
    expect(durationText("ru", 25 * 60)).toBe("25 минут");
    expect(durationText("hr", 3 * 3600)).toBe("3 sata");
    expect(durationText("sk", 5 * 86400)).toBe("5 dní");
    expect(durationText("en", 10)).toBe("1 minute");
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { Language } from "../lib/guess-language.js";
import { expectedTimeText, officeHoursText } from "./localized-values.js";
import {
  readStarterLibrary,
  STARTER_LANGUAGES,
  starterPlan,
  starterProblems,
  type StarterLibrary,
  type TStarterFile,
} from "./starter.js";
import { parseTemplate, renderTemplate, type VariableName } from "./variables.js";

/** A value for every variable, as a real conversation in a Zagreb shop would give them. */
function everyValue(lang: Language): Record<VariableName, string> {
  const calendar = {
    timeZone: "Europe/Zagreb",
    intervals: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: "09:00", end: "17:00" })),
    holidays: [],
  };
  return {
    "customer.name": "Ana Kovač",
    "customer.firstName": "Ana",
    "customer.email": "ana@example.test",
    "customer.phone": "+385 91 555 0101",
    "customer.number": "7K2M9Q",
    "conversation.number": "1042",
    "conversation.subject": "Where is my parcel?",
    "agent.name": "Marko Horvat",
    "agent.firstName": "Marko",
    "agent.email": "marko@shop.example",
    "inbox.name": "Shop support",
    "inbox.email": "support@shop.example",
    "order.number": "100-23456",
    "reply.expectedTime": expectedTimeText(lang, 2 * 3600),
    "inbox.officeHours": officeHoursText(lang, calendar)!,
  };
}

describe("the shipped starter library", () => {
  it("has the same folders and replies in all four languages and only known variables", async () => {
    const library = await readStarterLibrary();
    expect(starterProblems(library)).toEqual([]);
    expect(library.en.replies.length).toBeGreaterThan(0);
  });

  it("renders every reply in every language: values when present, fallbacks when missing, no {{ left", async () => {
    const library = await readStarterLibrary();
    for (const lang of STARTER_LANGUAGES) {
      const values = everyValue(lang);
      for (const reply of library[lang].replies) {
        const where = `${lang}/${reply.key}`;
        const variables = parseTemplate(reply.body).flatMap((part) =>
          part.kind === "variable" ? [part] : [],
        );

        const full = renderTemplate(reply.body, values);
        expect(full.body, where).not.toContain("{{");
        expect(full.missing, where).toEqual([]);
        for (const variable of variables)
          expect(full.body, where).toContain(values[variable.name as VariableName]);

        const empty = renderTemplate(reply.body, {});
        expect(empty.body, where).not.toContain("{{");
        for (const variable of variables) {
          if (variable.fallback !== null) expect(empty.body, where).toContain(variable.fallback);
        }
        const withoutFallback = [...new Set(variables.filter((v) => v.fallback === null).map((v) => v.name))];
        expect(empty.missing, where).toEqual(withoutFallback);
      }
    }
  });
});

const file = (overrides: Partial<TStarterFile> = {}): TStarterFile => ({
  folders: [{ key: "orders", name: "Orders" }],
  replies: [
    {
      key: "late",
      folder: "orders",
      title: "Late order",
      shortcut: "late",
      body: 'Hi {{ customer.firstName | "there" }}',
    },
  ],
  ...overrides,
});

describe("starterProblems", () => {
  it("names missing keys, unknown folders, unknown variables and clashing shortcuts", () => {
    const library: StarterLibrary = {
      en: file(),
      ru: file({ replies: [] }),
      hr: file({
        replies: [
          {
            key: "late",
            folder: "nowhere",
            title: "Kasni",
            shortcut: "kasni",
            body: "{{ customer.nickname }}",
          },
        ],
      }),
      sk: file({
        replies: [
          { key: "late", folder: "orders", title: "Mešká", shortcut: "x", body: "Dobrý deň" },
          { key: "extra", folder: null, title: "Navyše", shortcut: "X", body: "Dobrý deň" },
        ],
      }),
    };
    expect(starterProblems(library)).toEqual([
      "ru: replies late is missing",
      "sk: replies extra is not in en",
      "hr: reply late is in unknown folder nowhere",
      "hr: reply late uses unknown variable {{ customer.nickname }}",
      "sk: two replies have one shortcut",
    ]);
  });
});

describe("readStarterLibrary", () => {
  function folderWith(files: Record<Language, TStarterFile>): URL {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heed-starter-"));
    for (const lang of STARTER_LANGUAGES)
      fs.writeFileSync(path.join(dir, `${lang}.json`), JSON.stringify(files[lang]));
    return pathToFileURL(`${dir}/`);
  }

  it("reads four files of the documented format", async () => {
    const library = await readStarterLibrary(folderWith({ en: file(), ru: file(), hr: file(), sk: file() }));
    expect(library.sk.replies[0]!.title).toBe("Late order");
  });

  it("refuses a library with problems, naming them", async () => {
    const bad = file({ replies: [{ key: "late", folder: "orders", title: "Late", body: "{{ foo }}" }] });
    await expect(
      readStarterLibrary(folderWith({ en: file(), ru: file(), hr: file(), sk: bad })),
    ).rejects.toThrow("sk: reply late uses unknown variable {{ foo }}");
  });
});

describe("starterPlan", () => {
  const library: StarterLibrary = {
    en: file(),
    ru: file({
      folders: [{ key: "orders", name: "Заказы" }],
      replies: [
        {
          key: "late",
          folder: "orders",
          title: "Заказ задерживается",
          shortcut: "опоздание",
          body: "Здравствуйте",
        },
      ],
    }),
    hr: file(),
    sk: file(),
  };

  it("names folders and titles in the workspace's default language, with a body in every language", () => {
    const plan = starterPlan(library, "ru");
    expect(plan.folders).toEqual([{ key: "orders", name: "Заказы" }]);
    expect(plan.replies).toEqual([
      {
        key: "late",
        folderKey: "orders",
        title: "Заказ задерживается",
        shortcut: "опоздание",
        variants: [
          { lang: "en", body: 'Hi {{ customer.firstName | "there" }}' },
          { lang: "ru", body: "Здравствуйте" },
          { lang: "hr", body: 'Hi {{ customer.firstName | "there" }}' },
          { lang: "sk", body: 'Hi {{ customer.firstName | "there" }}' },
        ],
      },
    ]);
  });

  it("uses English for a default language it has no file for", () => {
    expect(starterPlan(library, "de").folders[0]!.name).toBe("Orders");
  });
});

import fs from "node:fs/promises";
import { z } from "zod";
import type { Language } from "../lib/guess-language.js";
import { packageRoot } from "../version.js";
import { validateTemplate } from "./variables.js";

export const STARTER_LANGUAGES: readonly Language[] = ["en", "ru", "hr", "sk"];

const ZStarterFile = z.object({
  folders: z.array(z.object({ key: z.string().min(1), name: z.string().trim().min(1).max(100) })),
  replies: z.array(
    z.object({
      key: z.string().min(1),
      folder: z.string().min(1).nullable().optional(),
      title: z.string().trim().min(1).max(200),
      shortcut: z
        .string()
        .trim()
        .regex(/^[^\s/]{1,50}$/)
        .nullable()
        .optional(),
      body: z.string().min(1).max(20_000),
    }),
  ),
});
export type TStarterFile = z.infer<typeof ZStarterFile>;

/** The starter library: one file per language, the same keys in each. */
export type StarterLibrary = Record<Language, TStarterFile>;

/** A starter reply ready to seed: its folder's key, title and shortcut in one language, every body. */
export interface StarterReply {
  key: string;
  folderKey: string | null;
  title: string;
  shortcut: string | null;
  variants: { lang: Language; body: string }[];
}

/**
 * What is wrong with a library, one message per problem: a key missing from a language or not in
 * English, a reply in a folder that does not exist, an unknown variable. Empty when it can be seeded.
 */
export function starterProblems(library: StarterLibrary): string[] {
  const problems: string[] = [];
  const keys = (file: TStarterFile, kind: "folders" | "replies") => file[kind].map((item) => item.key);
  for (const kind of ["folders", "replies"] as const) {
    const english = keys(library.en, kind);
    if (new Set(english).size !== english.length) problems.push(`en: duplicate ${kind} keys`);
    for (const lang of STARTER_LANGUAGES) {
      const own = keys(library[lang], kind);
      for (const key of english) if (!own.includes(key)) problems.push(`${lang}: ${kind} ${key} is missing`);
      for (const key of own)
        if (!english.includes(key)) problems.push(`${lang}: ${kind} ${key} is not in en`);
    }
  }
  for (const lang of STARTER_LANGUAGES) {
    const folders = keys(library[lang], "folders");
    const names = library[lang].folders.map((folder) => folder.name.toLowerCase());
    if (new Set(names).size !== names.length) problems.push(`${lang}: two folders have one name`);
    const shortcuts = library[lang].replies.flatMap((reply) => reply.shortcut?.toLowerCase() ?? []);
    if (new Set(shortcuts).size !== shortcuts.length) problems.push(`${lang}: two replies have one shortcut`);
    for (const reply of library[lang].replies) {
      if (reply.folder && !folders.includes(reply.folder))
        problems.push(`${lang}: reply ${reply.key} is in unknown folder ${reply.folder}`);
      for (const name of validateTemplate(reply.body))
        problems.push(`${lang}: reply ${reply.key} uses unknown variable {{ ${name} }}`);
    }
  }
  return problems;
}

/** Reads and checks the four files of a folder; throws naming every problem. */
export async function readStarterLibrary(
  folder: URL = new URL("src/server/saved-replies/starter/", packageRoot),
): Promise<StarterLibrary> {
  const read = async (lang: Language) =>
    ZStarterFile.parse(JSON.parse(await fs.readFile(new URL(`${lang}.json`, folder), "utf8")));
  const [en, ru, hr, sk] = await Promise.all(STARTER_LANGUAGES.map(read));
  const library: StarterLibrary = { en: en!, ru: ru!, hr: hr!, sk: sk! };
  const problems = starterProblems(library);
  if (problems.length) throw new Error(`Starter saved replies: ${problems.join("; ")}`);
  return library;
}

let cached: Promise<StarterLibrary> | undefined;

/** The shipped starter library, read once per process (read again after a failure). */
export function loadStarterLibrary(): Promise<StarterLibrary> {
  cached ??= readStarterLibrary().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/**
 * The library as one workspace gets it: folders named, and titles and shortcuts taken, in the
 * workspace's default language (English when it has none of the four); every language a body. English
 * gives the order.
 */
export function starterPlan(
  library: StarterLibrary,
  defaultLanguage: string,
): { folders: { key: string; name: string }[]; replies: StarterReply[] } {
  const lang = STARTER_LANGUAGES.find((l) => l === defaultLanguage) ?? "en";
  const named = library[lang];
  const folders = library.en.folders.map((folder) => ({
    key: folder.key,
    name: named.folders.find((f) => f.key === folder.key)?.name ?? folder.name,
  }));
  const replies = library.en.replies.map((reply): StarterReply => {
    const own = named.replies.find((r) => r.key === reply.key) ?? reply;
    return {
      key: reply.key,
      folderKey: reply.folder ?? null,
      title: own.title,
      shortcut: own.shortcut ?? null,
      variants: STARTER_LANGUAGES.flatMap((l) => {
        const body = library[l].replies.find((r) => r.key === reply.key)?.body;
        return body ? [{ lang: l, body }] : [];
      }),
    };
  });
  return { folders, replies };
}

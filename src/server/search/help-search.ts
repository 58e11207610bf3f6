import type { Queryable } from "../db/types.js";
import { findHelpIndexRows, findHelpContentVersion } from "../models/help-search-rows.js";
import { highlightText, snippetOf } from "./help-highlight.js";
import { createHelpIndex, type HelpIndex } from "./help-index.js";
import type { HelpLang } from "./help-language.js";

export interface HelpSearchResult {
  articleId: string;
  number: number;
  lang: HelpLang;
  title: string;
  slug: string;
  visibility: "public" | "internal";
  /** The title, HTML-escaped, with the matched words in <mark>. */
  titleHtml: string;
  /** About 160 characters of the text around the best match, escaped, with <mark>. */
  snippetHtml: string;
  score: number;
}

interface Entry {
  number: number;
  title: string;
  slug: string;
  visibility: "public" | "internal";
  text: string;
}

/** One language of a workspace's published articles as this process knows them, up to a content version. */
interface LanguageIndex {
  version: number;
  index: HelpIndex;
  entries: Map<string, Entry>;
  /** The catch-up in progress, so concurrent searches wait for one read instead of each doing it. */
  syncing: Promise<void> | null;
}

const caches = new WeakMap<Queryable, Map<string, LanguageIndex>>();
/** Articles indexed between two yields to the event loop: a large first build never stalls requests. */
const BATCH = 50;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Brings this process's index of one language of the workspace up to the committed content version:
 * reads only the translations changed since (their `index_version`), adds what is published and removes
 * the rest. Versions are taken under the help center's row lock, so every change up to a committed
 * version is itself committed and visible; a catch-up reads exactly the range (known, current]. Each
 * language has its own index, built on its first search, a batch at a time.
 */
async function syncedIndex(db: Queryable, workspaceId: string, lang: HelpLang): Promise<LanguageIndex> {
  let byWorkspace = caches.get(db);
  if (!byWorkspace) caches.set(db, (byWorkspace = new Map()));
  const cacheKey = `${workspaceId}:${lang}`;
  let cache = byWorkspace.get(cacheKey);
  if (!cache) {
    cache = { version: -1, index: createHelpIndex(), entries: new Map(), syncing: null };
    byWorkspace.set(cacheKey, cache);
  }
  while (cache.syncing) await cache.syncing;
  const current = await findHelpContentVersion(db, workspaceId);
  if (current === undefined || current <= cache.version) return cache;
  const known = cache.version;
  const target = cache;
  target.syncing = (async () => {
    const rows = await findHelpIndexRows(db, workspaceId, lang, known, current);
    for (const [i, row] of rows.entries()) {
      if (i > 0 && i % BATCH === 0) await nextTurn();
      if (target.index.has(row.article_id, lang)) target.index.remove(row.article_id, lang);
      target.entries.delete(row.article_id);
      if (row.title === null || row.deleted_at !== null) continue;
      target.index.add({
        id: row.article_id,
        lang,
        title: row.title,
        description: row.description ?? "",
        keywords: row.keywords ?? "",
        body: row.body_text ?? "",
      });
      target.entries.set(row.article_id, {
        number: row.number,
        title: row.title,
        slug: row.slug,
        visibility: row.visibility,
        text: row.body_text ?? "",
      });
    }
    target.version = current;
  })().finally(() => {
    target.syncing = null;
  });
  await target.syncing;
  return target;
}

/**
 * Published articles matching `query` in one language, best first. `audience: "public"` leaves internal
 * articles out (the public help center and the chat widget); agents see both. `mode: "question"` reads a
 * whole customer message (suggestions); `"search"` a typed query (the last word may be unfinished).
 */
export async function searchHelpArticles(
  db: Queryable,
  workspaceId: string,
  input: {
    query: string;
    lang: HelpLang;
    audience: "public" | "agents";
    limit?: number;
    mode?: "search" | "question";
  },
): Promise<HelpSearchResult[]> {
  const query = input.query.slice(0, 2000);
  if (!query.trim()) return [];
  const { index, entries } = await syncedIndex(db, workspaceId, input.lang);
  const limit = input.limit ?? 20;
  // Ask for extra hits when internal ones must be dropped, so a public page still gets `limit` results.
  const hits = index.search(query, input.lang, {
    limit: input.audience === "public" ? limit * 3 + 10 : limit,
    mode: input.mode ?? "search",
  });
  const results: HelpSearchResult[] = [];
  for (const hit of hits) {
    const entry = entries.get(hit.id);
    if (!entry || (input.audience === "public" && entry.visibility !== "public")) continue;
    results.push({
      articleId: hit.id,
      number: entry.number,
      lang: input.lang,
      title: entry.title,
      slug: entry.slug,
      visibility: entry.visibility,
      titleHtml: highlightText(entry.title, query, input.lang),
      snippetHtml: snippetOf(entry.text, query, input.lang),
      score: hit.score,
    });
    if (results.length >= limit) break;
  }
  return results;
}

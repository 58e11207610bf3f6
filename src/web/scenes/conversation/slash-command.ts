import type { TSavedReply } from "../../api/saved-reply-queries.js";
import { insertBlock } from "./article-link.js";

/** Where the `/` picker was opened: the `/query` token at `start`…`end` of the draft. */
export interface SlashToken {
  start: number;
  end: number;
  query: string;
}

/**
 * The "/query" being typed just before the caret, or null. Only at the start of the draft or after
 * whitespace (so "and/or" and links never open it), and only while the query has no space or slash.
 */
export function slashAt(text: string, caret: number): SlashToken | null {
  const found = /(^|\s)\/([^\s/]{0,60})$/u.exec(text.slice(0, caret));
  if (!found) return null;
  const query = found[2]!;
  return { start: caret - query.length - 1, end: caret, query };
}

/**
 * The draft with the saved reply's text in place of the `/query` token, and where the caret goes. The
 * text may have changed while the reply was being filled: the token is looked for again, and if it is
 * gone the reply goes at the end on lines of its own, so nothing typed is lost.
 */
export function placeSavedReply(
  text: string,
  token: SlashToken,
  body: string,
): { text: string; caret: number } {
  const typed = `/${token.query}`;
  let start = text.slice(token.start, token.end) === typed ? token.start : -1;
  if (start < 0) {
    const again = text.lastIndexOf(typed);
    if (again >= 0 && (again === 0 || /\s/.test(text[again - 1]!))) start = again;
  }
  if (start < 0) return insertBlock(text, text.length, body);
  const next = text.slice(0, start) + body + text.slice(start + typed.length);
  return { text: next, caret: start + body.length };
}

/**
 * One line of a reply's text to recognise it by, in the reader's language if it has that variant; a
 * variable reads as its fallback ("there") or "…", not as `{{ customer.firstName }}`.
 */
export function replySnippet(reply: TSavedReply, language: string, max = 90): string {
  const variant = reply.variants.find((v) => v.lang === language) ?? reply.variants[0];
  const line = (variant?.body ?? "")
    .replace(/\{\{\s*[\w.]+\s*(?:\|\s*"((?:[^"\\]|\\.)*)"\s*)?\}\}/g, (_, fallback?: string) =>
      fallback === undefined ? "…" : fallback.replace(/\\"/g, '"'),
    )
    .replace(/\s+/g, " ")
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

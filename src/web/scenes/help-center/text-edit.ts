/** Small text operations of the article editor, kept pure so they are tested without a browser. */

/**
 * `insert` put in place of the selection `start..end` of `text` (the caret when they are equal); the
 * caret goes after the inserted text. Out-of-range positions are clamped to the text.
 */
export function insertAtCursor(
  text: string,
  start: number,
  end: number,
  insert: string,
): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length };
}

/**
 * The markdown of an uploaded image: `![name](url)`, its alt text the file name without the extension
 * and without the characters that would end the alt text or the link early.
 */
export function imageMarkdown(fileName: string, url: string): string {
  const alt = fileName
    .replace(/\.[a-z0-9]{1,5}$/i, "")
    .replace(/[[\]\\]/g, "")
    .replace(/[_-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return `![${alt}](${url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)})`;
}

/** The characters left of a limit ("12 / 300" counters), never below zero. */
export const charactersLeft = (text: string, limit: number): number => Math.max(0, limit - text.length);

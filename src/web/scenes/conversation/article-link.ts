/** A public article as a markdown link for a reply: `[Title](url)`; brackets in the title are escaped. */
export function articleLink(article: { title: string; url: string }): string {
  return `[${article.title.replace(/([[\]\\])/g, "\\$1")}](${article.url})`;
}

/**
 * `insert` put into `text` at `caret` on a line of its own (a blank line before it when the text above
 * does not end with one), and where the caret lands after it.
 */
export function insertBlock(text: string, caret: number, insert: string): { text: string; caret: number } {
  const at = Math.max(0, Math.min(caret, text.length));
  const before = text.slice(0, at);
  const after = text.slice(at);
  const gap = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const tail = after === "" || after.startsWith("\n") ? "" : "\n";
  const next = `${before}${gap}${insert}${tail}${after}`;
  return { text: next, caret: before.length + gap.length + insert.length };
}

/** The words of a draft worth searching with: the text without links and markup, trimmed to a length. */
export function draftQuery(draft: string, max = 500): string {
  return draft
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[*_`>#~|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);
}

/**
 * HTML built by tagged templates: every interpolated value is escaped unless it is already `SafeHtml`
 * (the result of another `html` template, or `raw()` for HTML the server sanitized itself). Arrays are
 * joined, and null, undefined and false render as nothing, so templates can map and branch inline.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for element content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/**
 * The templates' own text with each line break and its indentation shrunk to one newline: the source
 * is laid out for reading (Prettier formats `html` templates), the page need not carry that. Whitespace
 * stays whitespace, so nothing renders differently; templates hold no <pre> of their own.
 */
const compacted = new WeakMap<TemplateStringsArray, string[]>();
function compact(strings: TemplateStringsArray): string[] {
  let parts = compacted.get(strings);
  if (!parts) {
    parts = strings.map((part) => part.replace(/[ \t]*\n\s*/g, "\n"));
    compacted.set(strings, parts);
  }
  return parts;
}

/** The escaping template tag: html`<p>${text}</p>`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  const parts = compact(strings);
  let out = parts[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + parts[i + 1]!;
  return new SafeHtml(out);
}

/** Marks HTML as trusted: only for markup the server produced and sanitized (article bodies, snippets). */
export const raw = (trusted: string): SafeHtml => new SafeHtml(trusted);

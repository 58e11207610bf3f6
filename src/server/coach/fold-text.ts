/**
 * Folding for matching: lower case, no diacritics, one UTF-16 unit out for every unit in, so an offset
 * found in the folded text is the same offset in the draft the agent typed.
 */

const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Letters and marks with no decomposed form, or more than one unit when lower-cased, mapped by hand. */
const BY_HAND: Record<string, string> = {
  đ: "d",
  Đ: "d",
  ł: "l",
  Ł: "l",
  ø: "o",
  Ø: "o",
  ß: "s",
  æ: "a",
  Æ: "a",
  œ: "o",
  Œ: "o",
  "\u2018": "'",
  "\u2019": "'",
  "\u02bc": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u201e": '"',
  "\u00ab": '"',
  "\u00bb": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u00a0": " ",
};

/** Each non-ASCII unit met so far, folded. */
const folded = new Map<string, string>();

function foldUnit(unit: string): string {
  let out = folded.get(unit);
  if (out !== undefined) return out;
  out = BY_HAND[unit];
  if (out === undefined) {
    const lower = unit.toLowerCase();
    if (lower.length !== 1) out = unit;
    // Russian writes ё as е most of the time; й stays itself (it is another letter, not и with a mark).
    else if (CYRILLIC.test(lower)) out = lower === "ё" ? "е" : lower;
    else {
      const base = lower.normalize("NFD")[0] ?? lower;
      out = base.length === 1 ? base : lower;
    }
  }
  folded.set(unit, out);
  return out;
}

/** Units that fold to themselves once lower-cased: printable ASCII, tab and line breaks, Cyrillic а–я. */
const NEEDS_FOLDING = /[^\t\n\r -~\u0430-\u044f]/g;

/**
 * The text lower-cased and without diacritics ("Nažalost" → "nazalost", "Ещё" → "еще"), exactly as long
 * as the input: rules match the folded text and report offsets into the original.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Lower-casing changes the length only for rare letters (İ); then fold unit by unit.
  if (lower.length !== text.length) {
    let out = "";
    for (let i = 0; i < text.length; i++) out += foldUnit(text[i]!);
    return out;
  }
  return lower.replace(NEEDS_FOLDING, foldUnit);
}

/**
 * A regular expression's source folded like the text it will match: letters folded, escapes such as
 * `\S` or `\p{L}` left alone (folding `\S` would turn it into `\s`).
 */
export function foldPattern(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const unit = source[i]!;
    if (unit === "\\") {
      const next = source[i + 1] ?? "";
      // \p{…} and \P{…} keep their property names as written.
      if ((next === "p" || next === "P") && source[i + 2] === "{") {
        const close = source.indexOf("}", i);
        out += source.slice(i, close + 1);
        i = close;
      } else {
        out += unit + next;
        i++;
      }
    } else out += foldText(unit);
  }
  return out;
}

/**
 * Finds the quoted history in the text of an email, so the timeline can fold it behind "Show quoted
 * text" while the whole text stays stored and searchable. Pure: text in, parts out.
 *
 * Quoted are: lines starting with ">" (and blank lines between them); the attribution line that
 * introduces them ("On … wrote:", "… написал(а):", "… napisao je:", "… napísal(a):", Gmail's Russian
 * "…, Name <address>:"), also when a client wrapped it over up to three lines; an attribution with a
 * date or an address followed by unquoted text (quoted to the end); and Outlook's "-----Original
 * Message-----" or "From: … Sent: …" header block with everything after it, in the four languages.
 */

export interface TextPart {
  text: string;
  isQuoted: boolean;
}

/** "…wrote:" in English, German, French, Russian, Croatian, Slovak and Czech, at the end of the line. */
const ATTRIBUTION_VERB =
  /(?:^|\s)(?:wrote|schrieb|a écrit|написал\(а\)|написала|написал|пишет|napisao|napisala|napisal|napísal\(a\)|napísala|napísal|napsal\(a\)|napsala|napsal)(?:\s+je)?\s*:$/i;
/** Gmail (Russian and others) and Yandex: "чт, 12 мар. 2026 г. в 17:00, Name <address>:". */
const ATTRIBUTION_ADDRESS = /\d.*<[^<>\s@]+@[^<>\s]+>\s*:$/;
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:original message|forwarded message|исходное сообщение|пересылаемое сообщение|izvorna poruka|proslijeđena poruka|pôvodná správa|preposlaná správa|původní zpráva|ursprüngliche nachricht)\s*-{2,}\s*$/i;
const HEADER_FROM = /^\s*\*?(?:from|от|od|šalje|von|de)\s*:\*?\s*\S/i;
const HEADER_SENT =
  /^\s*\*?(?:sent|date|отправлено|дата|poslano|datum|odoslané|odesláno|gesendet|envoyé)\s*:\*?\s*\S/i;
const RULE = /^\s*_{8,}\s*$/;

const isBlank = (line: string) => line.trim() === "";
const isQuoteLine = (line: string) => /^\s*>/.test(line);

/** How many lines (1 to 3) starting at `i` form an attribution, and whether it is a strong one. */
function attributionAt(lines: string[], i: number): { length: number; hasDetails: boolean } | null {
  if (isBlank(lines[i]!) || isQuoteLine(lines[i]!)) return null;
  let joined = "";
  for (let length = 1; length <= 3 && i + length <= lines.length; length++) {
    const line = lines[i + length - 1]!;
    if (isBlank(line) || isQuoteLine(line)) return null;
    joined = `${joined} ${line.trim()}`.trim();
    if (joined.length > 400) return null;
    if (ATTRIBUTION_VERB.test(joined) || ATTRIBUTION_ADDRESS.test(joined)) {
      return { length, hasDetails: /\d|@/.test(joined) && ATTRIBUTION_VERB.test(joined) };
    }
  }
  return null;
}

/** Index of the first line of an Outlook-style header block ("From: … Sent: …"), or -1. */
function headerBlockAt(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (ORIGINAL_MESSAGE.test(line)) return i;
    if (!HEADER_FROM.test(line)) continue;
    const next = lines.slice(i + 1, i + 5);
    if (next.some((candidate) => HEADER_SENT.test(candidate))) {
      return i > 0 && RULE.test(lines[i - 1]!) ? i - 1 : i;
    }
  }
  return -1;
}

/**
 * The text in parts, visible and quoted, in order; joining their texts with "\n" gives the text back.
 * When nothing but quoted text would be left visible, the whole text is one visible part.
 */
export function splitQuotedText(text: string): TextPart[] {
  const lines = text.split(/\r?\n/);
  const quoted = lines.map(isQuoteLine);

  // Blank lines inside a quoted run belong to it.
  for (let i = 1; i < lines.length - 1; i++) {
    if (!quoted[i] && isBlank(lines[i]!)) {
      if (lastNonBlankIsQuoted(lines, quoted, i) && nextNonBlankIsQuoted(lines, quoted, i)) quoted[i] = true;
    }
  }

  for (let i = 0; i < lines.length; i++) {
    if (quoted[i]) continue;
    const attribution = attributionAt(lines, i);
    if (!attribution) continue;
    const end = i + attribution.length;
    if (nextNonBlankIsQuoted(lines, quoted, end - 1)) {
      for (let j = i; j < end; j++) quoted[j] = true;
      for (let j = end; j < lines.length && !quoted[j] && isBlank(lines[j]!); j++) quoted[j] = true;
    } else if (attribution.hasDetails && end < lines.length) {
      for (let j = i; j < lines.length; j++) quoted[j] = true;
      break;
    }
  }

  const header = headerBlockAt(lines);
  if (header > 0) for (let j = header; j < lines.length; j++) quoted[j] = true;

  if (lines.every((line, i) => quoted[i] || isBlank(line))) return [{ text, isQuoted: false }];
  const parts: TextPart[] = [];
  lines.forEach((line, i) => {
    const last = parts[parts.length - 1];
    if (last && last.isQuoted === quoted[i]) last.text += `\n${line}`;
    else parts.push({ text: line, isQuoted: quoted[i]! });
  });
  return parts;
}

function lastNonBlankIsQuoted(lines: string[], quoted: boolean[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) if (!isBlank(lines[j]!)) return quoted[j]!;
  return false;
}

function nextNonBlankIsQuoted(lines: string[], quoted: boolean[], i: number): boolean {
  for (let j = i + 1; j < lines.length; j++) if (!isBlank(lines[j]!)) return quoted[j]!;
  return false;
}

/**
 * Inbound mail for the email ingest benchmark (bench/email-ingest.ts): N messages as mail clients write
 * them, the same bytes for the same seed. Customers write in English, Russian, Croatian and Slovak, each
 * with the charset and format of their mail client (UTF-8, windows-1251, KOI8-R, ISO-8859-2,
 * windows-1250; plain, multipart/alternative, attachments with RFC 2231 names), subjects and names as
 * RFC 2047 encoded words. Some messages answer an earlier one of the run (same sender, In-Reply-To and
 * References: they must land in its conversation), about 5% are unusable (no From, a From without an
 * address, MIME nested past the parser's limit: quarantined), 2% are automatic replies (ignored) and a
 * few are exact re-sends of an earlier message's bytes (a sender retrying: stored once).
 */
import { createHash } from "node:crypto";
import iconv from "iconv-lite";
import { type BenchLanguage, corpus } from "./corpus.js";

export type MailKind = "new" | "reply" | "auto-reply" | "malformed" | "resend";
export type MailOutcome = "processed" | "quarantined" | "ignored";

export interface CorpusMail {
  index: number;
  kind: MailKind;
  /** Unique per distinct message: how the checker finds it (a re-send carries its original's). */
  messageId: string;
  envelopeFrom: string;
  expected: MailOutcome;
  /** For a reply: the Message-ID of its thread's first message, whose conversation it must land in. */
  threadRootId: string | null;
  /** A reply or re-send goes out only after this earlier message was acknowledged, as in real life. */
  after: number | null;
  charset: string;
  attachments: number;
  raw: Buffer;
  sha256: string;
}

export interface CorpusOptions {
  count: number;
  seed: number;
  /** The inbox's address (To). */
  to: string;
}

const LANGUAGES: [BenchLanguage, number][] = [
  ["en", 0.35],
  ["ru", 0.25],
  ["hr", 0.2],
  ["sk", 0.2],
];
/** The charsets a customer's mail client may write each language in; UTF-8 for about half of them. */
const CHARSETS: Record<BenchLanguage, string[]> = {
  en: ["utf-8", "us-ascii"],
  ru: ["utf-8", "windows-1251", "koi8-r"],
  hr: ["utf-8", "iso-8859-2", "windows-1250"],
  sk: ["utf-8", "windows-1250", "iso-8859-2"],
};
const MAILERS = [
  "X-Mailer: Microsoft Outlook 16.0",
  "X-Mailer: Apple Mail (2.3774.600.62)",
  "User-Agent: Mozilla Thunderbird 128.3.0",
  "User-Agent: Roundcube Webmail/1.6.9",
  "X-Mailer: The Bat! (v10.5.3) Professional",
  "X-Mailer: PHPMailer 6.9.1",
];
const REPLY_PREFIX: Record<BenchLanguage, string> = { en: "Re: ", ru: "Re: ", hr: "Odg: ", sk: "Re: " };
const AUTO_SUBJECT: Record<BenchLanguage, string> = {
  en: "Automatic reply: ",
  ru: "Автоответ: ",
  hr: "Automatski odgovor: ",
  sk: "Automatická odpoveď: ",
};
const FILE_NAMES: Record<BenchLanguage, string[]> = {
  en: ["invoice-{n}.pdf", "photo of the damage.jpg", "screenshot.png", "order {n}.pdf"],
  ru: ["Счёт {n}.pdf", "фото повреждения.jpg", "снимок экрана.png", "Заказ №{n}.pdf"],
  hr: ["račun {n}.pdf", "fotografija oštećenja.jpg", "snimka zaslona.png", "narudžba {n}.pdf"],
  sk: ["faktúra {n}.pdf", "fotka poškodenia.jpg", "snímka obrazovky.png", "objednávka {n}.pdf"],
};
const FILE_TYPES: Record<string, string> = { pdf: "application/pdf", jpg: "image/jpeg", png: "image/png" };
const CYRILLIC: Record<string, string> = Object.fromEntries(
  [..."абвгдеёжзийклмнопрстуфхцчшщъыьэюя"].map((c, i) => [
    c,
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch  y  e yu ya".split(" ")[i] ?? "",
  ]),
);
/** What HTML mail clients put before the text (Outlook's style block, shortened). */
const HTML_HEAD = [
  '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns="http://www.w3.org/TR/REC-html40">',
  "<head>",
  '<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
  '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">',
  "<style><!--",
  "@font-face {font-family:Calibri; panose-1:2 15 5 2 2 2 4 3 2 4;}",
  "@font-face {font-family:Aptos; panose-1:2 11 0 4 2 2 2 2 2 4;}",
  'p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Aptos",sans-serif; mso-ligatures:standardcontextual;}',
  "a:link, span.MsoHyperlink {mso-style-priority:99; color:#467886; text-decoration:underline;}",
  'span.EmailStyle17 {mso-style-type:personal-compose; font-family:"Aptos",sans-serif; color:windowtext;}',
  ".MsoChpDefault {mso-style-type:export-only; font-size:11.0pt; mso-fareast-language:EN-US;}",
  "@page WordSection1 {size:612.0pt 792.0pt; margin:72.0pt 72.0pt 72.0pt 72.0pt;}",
  "div.WordSection1 {page:WordSection1;}",
  "--></style>",
  "</head>",
  '<body lang="EN-US" link="#467886" vlink="#96607D" style="word-wrap:break-word">',
  '<div class="WordSection1">',
].join("\n");
const BASE_TIME = Date.UTC(2026, 2, 2, 8, 0, 0);

/** mulberry32: a small seeded generator, so the same seed gives the same corpus. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Incompressible bytes (as JPEG or PDF content is), from a seed. */
function noise(size: number, seed: number): Buffer {
  const words = new Uint32Array(Math.ceil(size / 4));
  let x = seed | 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return Buffer.from(words.buffer, 0, size);
}

const CRLF = "\r\n";
const ascii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/** Text the charset can hold (KOI8-R has no en dash, and so on): what that client would have sent. */
const encodable = (text: string, charset: string) =>
  charset === "utf-8" ? text : iconv.decode(iconv.encode(text, charset), charset);

function wrap(text: string, width = 72): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    if (paragraph.startsWith(">")) {
      lines.push(paragraph);
      continue;
    }
    let line = "";
    for (const word of paragraph.split(" ")) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

function qEncode(bytes: Buffer): string {
  let out = "";
  for (const byte of bytes) {
    if (byte === 0x20) out += "_";
    else if (/[A-Za-z0-9!*+\-/]/.test(String.fromCharCode(byte))) out += String.fromCharCode(byte);
    else out += `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** RFC 2047 encoded words of at most 75 characters each, folded; ASCII stays as it is. */
function encodedWords(text: string, charset: string, mode: "B" | "Q"): string {
  if (ascii(text)) return text;
  const prefix = `=?${charset}?${mode}?`;
  const encode = (chunk: string) => {
    const bytes = iconv.encode(chunk, charset);
    return mode === "B" ? bytes.toString("base64") : qEncode(bytes);
  };
  const words: string[] = [];
  let current = "";
  for (const char of text) {
    if (current && prefix.length + encode(current + char).length + 2 > 75) {
      words.push(`${prefix}${encode(current)}?=`);
      current = char;
    } else current += char;
  }
  words.push(`${prefix}${encode(current)}?=`);
  return words.join(`${CRLF} `);
}

/** Quoted-printable of CRLF-separated bytes, soft line breaks at 76 characters. */
function qpEncode(bytes: Buffer): string {
  return bytes
    .toString("latin1")
    .split(CRLF)
    .map((line) => {
      const out: string[] = [];
      let current = "";
      for (let i = 0; i < line.length; i++) {
        const code = line.charCodeAt(i);
        const isLast = i === line.length - 1;
        const token =
          (code >= 33 && code <= 126 && code !== 61) || ((code === 32 || code === 9) && !isLast)
            ? line[i]!
            : `=${code.toString(16).toUpperCase().padStart(2, "0")}`;
        if (current.length + token.length > 75) {
          out.push(`${current}=`);
          current = "";
        }
        current += token;
      }
      out.push(current);
      return out.join(CRLF);
    })
    .join(CRLF);
}

const base64Lines = (bytes: Buffer) => (bytes.toString("base64").match(/.{1,76}/g) ?? []).join(CRLF);

type Encoding = "7bit" | "8bit" | "quoted-printable" | "base64";

function encodeBody(text: string, charset: string, encoding: Encoding): string {
  const bytes = iconv.encode(text, charset);
  if (encoding === "base64") return base64Lines(bytes);
  if (encoding === "quoted-printable") return qpEncode(bytes);
  return bytes.toString("latin1");
}

/** One leaf part: its header lines and body (the body as latin1, so 8-bit bytes survive). */
interface Part {
  headers: string[];
  body: string;
}

function textPart(text: string, type: "plain" | "html", charset: string, encoding: Encoding): Part {
  return {
    headers: [`Content-Type: text/${type}; charset="${charset}"`, `Content-Transfer-Encoding: ${encoding}`],
    body: encodeBody(text, charset, encoding),
  };
}

function multipart(subtype: string, parts: Part[], boundary: string): Part {
  const body = parts.map((p) => `--${boundary}${CRLF}${p.headers.join(CRLF)}${CRLF}${CRLF}${p.body}${CRLF}`);
  return {
    headers: [`Content-Type: multipart/${subtype};${CRLF} boundary="${boundary}"`],
    body: `This is a multi-part message in MIME format.${CRLF}${CRLF}${body.join("")}--${boundary}--${CRLF}`,
  };
}

/** RFC 2231 extended parameter value: charset''percent-encoded bytes, in pieces when long. */
function rfc2231(name: string, value: string, charset: string): string {
  if (ascii(value)) return `${name}="${value}"`;
  const tokens = [...iconv.encode(value, charset)].map((b) =>
    /[A-Za-z0-9!#$&+.^_`|~-]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
  );
  // Continuations never split a %XX escape.
  const pieces: string[] = [""];
  for (const token of tokens) {
    if (pieces[pieces.length - 1]!.length + token.length > 45) pieces.push("");
    pieces[pieces.length - 1] += token;
  }
  if (pieces.length === 1) return `${name}*=${charset}''${pieces[0]}`;
  return pieces.map((piece, i) => `${name}*${i}*=${i === 0 ? `${charset}''` : ""}${piece}`).join(`;${CRLF} `);
}

function attachmentPart(fileName: string, size: number, seed: number, charset: string): Part {
  const type = FILE_TYPES[fileName.split(".").pop()!] ?? "application/octet-stream";
  // Clients name the file twice: RFC 2047 in Content-Type's name (what Outlook and Gmail read), RFC 2231
  // in Content-Disposition's filename (the standard).
  const name = ascii(fileName)
    ? `"${fileName}"`
    : `"${encodedWords(fileName, "utf-8", "B").replace(/\r\n /g, " ")}"`;
  return {
    headers: [
      `Content-Type: ${type}; name=${name}`,
      `Content-Disposition: attachment;${CRLF} ${rfc2231("filename", fileName, charset === "utf-8" || charset === "us-ascii" ? "utf-8" : charset)}`,
      "Content-Transfer-Encoding: base64",
    ],
    body: base64Lines(noise(size, seed)),
  };
}

/** What the quarantine is for: MIME nested past mailparser's limit of parts (MAX_MIME_PARTS, 256). */
function deepNesting(depth: number, text: string): Part {
  let part: Part = textPart(text, "plain", "utf-8", "8bit");
  for (let level = depth - 1; level >= 0; level--) part = multipart("mixed", [part], `nest${level}`);
  return part;
}

interface Customer {
  language: BenchLanguage;
  name: string;
  address: string;
  charset: string;
  mailer: string;
  /** Their client sends HTML beside the text. */
  isHtml: boolean;
  encoding: Encoding;
}

interface Thread {
  rootId: string;
  ids: string[];
  subject: string;
  customer: Customer;
  lastText: string;
  lastIndex: number;
}

function asciiFold(text: string): string {
  return [
    ...text
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, ""),
  ]
    .map((c) => CYRILLIC[c] ?? c)
    .join("")
    .replace(/[^a-z]/g, "");
}

/**
 * The corpus, one message at a time (a 10,000-message run holds only what replies and re-sends need).
 * Throws nothing; the same options give the same bytes.
 */
export function* mailCorpus(options: CorpusOptions): Generator<CorpusMail> {
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const customers: Customer[] = [];
  const threads: Thread[] = [];
  const recent: CorpusMail[] = [];
  const poolSize = Math.max(50, Math.floor(options.count / 4));
  const domain = `${options.to.split("@")[1]}`;

  const fill = (template: string, language: BenchLanguage) =>
    template
      .replaceAll("{p}", pick(corpus[language].products))
      .replaceAll("{n}", String(100_000 + Math.floor(random() * 900_000)));
  const customer = (): Customer => {
    const slot = Math.floor(random() * poolSize);
    if (customers[slot]) return customers[slot]!;
    let r = random();
    const language = LANGUAGES.find(([, weight]) => (r -= weight) < 0)?.[0] ?? "en";
    const c = corpus[language];
    const first = pick(c.firstNames);
    const last = pick(c.lastNames);
    const charsets = CHARSETS[language];
    const created: Customer = {
      language,
      name: `${first} ${last}`,
      address: `${asciiFold(first)}.${asciiFold(last)}.${slot}@example.${pick(["com", "net", "org"])}`,
      charset: random() < 0.5 ? "utf-8" : charsets[1 + Math.floor(random() * (charsets.length - 1))]!,
      mailer: pick(MAILERS),
      isHtml: random() < 0.45,
      encoding: pick(["8bit", "quoted-printable", "quoted-printable", "base64"] as const),
    };
    customers[slot] = created;
    return created;
  };
  const words = (who: Customer, text: string) =>
    encodedWords(encodable(text, who.charset), who.charset, who.encoding === "base64" ? "B" : "Q");
  const bodyText = (who: Customer) => {
    const c = corpus[who.language];
    const paragraphs = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      Array.from({ length: 1 + Math.floor(random() * 3) }, () => fill(pick(c.customer), who.language)).join(
        " ",
      ),
    );
    return [...paragraphs, `${who.name}`].join("\n\n");
  };

  for (let index = 0; index < options.count; index++) {
    const r = random();
    const token = Math.floor(random() * 2 ** 32).toString(36);
    const messageId = `${options.seed.toString(36)}.${index}.${token}@mail.example.net`;
    const date = new Date(BASE_TIME + index * 37_000).toUTCString();
    if (r < 0.005 && recent.length > 0) {
      // A sender retrying after a lost 250: the very same bytes again.
      const original = pick(recent);
      yield { ...original, index, kind: "resend", after: original.index };
      continue;
    }
    let kind: MailKind;
    let malformed: "no-from" | "name-only" | "nesting" | null = null;
    if (r < 0.025) [kind, malformed] = ["malformed", "no-from"];
    else if (r < 0.035) [kind, malformed] = ["malformed", "name-only"];
    else if (r < 0.055) [kind, malformed] = ["malformed", "nesting"];
    else if (r < 0.075) kind = "auto-reply";
    else if (r < 0.3 && threads.length > 0) kind = "reply";
    else kind = "new";

    // A reply usually answers a recent thread, as follow-ups do.
    const thread =
      kind === "reply" || (kind === "auto-reply" && threads.length > 0 && random() < 0.5)
        ? threads[threads.length - 1 - Math.floor(random() ** 2 * Math.min(threads.length, 300))]!
        : null;
    const who = thread?.customer ?? customer();
    const c = corpus[who.language];
    let subject: string;
    let text: string;
    if (kind === "auto-reply") {
      subject = AUTO_SUBJECT[who.language] + (thread?.subject ?? fill(pick(c.subjects), who.language));
      text = `${fill(pick(c.customer), who.language)}\n\n${who.name}`;
    } else if (thread) {
      subject = REPLY_PREFIX[who.language] + thread.subject;
      const quoted = wrap(thread.lastText, 70)
        .slice(0, 60)
        .map((line) => `> ${line}`)
        .join("\n");
      text = `${bodyText(who)}\n\n${new Date(BASE_TIME + thread.lastIndex * 37_000).toUTCString()}, ${who.name} <${who.address}>:\n${quoted}`;
    } else {
      subject = fill(pick(c.subjects), who.language);
      text = bodyText(who);
    }
    text = encodable(text, who.charset);
    const lines = wrap(text).join(CRLF);

    const headers = [
      `Received: from mail.example.net (mail.example.net [192.0.2.${1 + (index % 250)}])${CRLF}\tby mx.${domain} with ESMTPS id ${index.toString(16).padStart(8, "0")}${CRLF}\tfor <${options.to}>; ${date}`,
      `Date: ${date}`,
    ];
    if (malformed === "name-only") headers.push(`From: ${words(who, who.name)}`);
    else if (malformed !== "no-from") {
      headers.push(`From: ${ascii(who.name) ? `"${who.name}"` : words(who, who.name)} <${who.address}>`);
    }
    headers.push(`To: <${options.to}>`, `Subject: ${words(who, subject)}`, `Message-ID: <${messageId}>`);
    if (thread) {
      headers.push(`In-Reply-To: <${thread.ids[thread.ids.length - 1]}>`);
      headers.push(
        `References: ${thread.ids
          .slice(-10)
          .map((id) => `<${id}>`)
          .join(`${CRLF} `)}`,
      );
    }
    if (kind === "auto-reply") {
      headers.push("Auto-Submitted: auto-replied");
      if (random() < 0.5) headers.push("X-Autoreply: yes", "Precedence: auto_reply");
    }
    headers.push("MIME-Version: 1.0", who.mailer);

    const encoding: Encoding = who.charset === "us-ascii" ? "7bit" : who.encoding;
    let part: Part;
    const boundary = (n: number) => `----=_Part_${index}_${n}.${token}`;
    if (malformed === "nesting") part = deepNesting(300, lines);
    else {
      part = textPart(lines, "plain", who.charset, encoding);
      if (who.isHtml) {
        const html =
          `${HTML_HEAD.replace("{charset}", who.charset)}\n` +
          text
            .split("\n\n")
            .map(
              (p) =>
                `<p>${p.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("\n", "<br>")}</p>`,
            )
            .join("\n") +
          "\n</div>\n</body></html>";
        part = multipart(
          "alternative",
          [
            part,
            textPart(
              wrap(html, 76).join(CRLF),
              "html",
              who.charset,
              encoding === "7bit" ? "quoted-printable" : encoding,
            ),
          ],
          boundary(1),
        );
      }
    }
    let attachments = 0;
    if ((kind === "new" || kind === "reply") && random() < 0.2) {
      attachments = random() < 0.8 ? 1 : 2 + Math.floor(random() * 2);
      const files = Array.from({ length: attachments }, (_, n) => {
        // Log-uniform between 2 KB and 200 KB: mostly small files, some photos and scans.
        const size = Math.round(Math.exp(Math.log(2048) + random() * Math.log(100)));
        return attachmentPart(
          fill(pick(FILE_NAMES[who.language]), who.language),
          size,
          options.seed * 7919 + index * 31 + n,
          who.charset,
        );
      });
      part = multipart("mixed", [part, ...files], boundary(2));
    }
    // A message ends with a line break: SMTP cannot carry one that does not (the bytes stored would differ).
    const body = part.body.endsWith(CRLF) ? part.body : `${part.body}${CRLF}`;
    const raw = Buffer.from(`${[...headers, ...part.headers].join(CRLF)}${CRLF}${CRLF}${body}`, "latin1");
    const mail: CorpusMail = {
      index,
      kind,
      messageId,
      envelopeFrom: malformed === "no-from" ? `scanner@example.net` : who.address,
      expected: kind === "malformed" ? "quarantined" : kind === "auto-reply" ? "ignored" : "processed",
      threadRootId: kind === "reply" ? thread!.rootId : null,
      after: kind === "reply" ? thread!.lastIndex : null,
      charset: who.charset,
      attachments,
      raw,
      sha256: createHash("sha256").update(raw).digest("hex"),
    };
    if (kind === "new") {
      threads.push({
        rootId: messageId,
        ids: [messageId],
        subject,
        customer: who,
        lastText: text,
        lastIndex: index,
      });
    } else if (kind === "reply") {
      thread!.ids.push(messageId);
      thread!.lastText = text;
      thread!.lastIndex = index;
    }
    recent.push(mail);
    if (recent.length > 50) recent.shift();
    yield mail;
  }
}

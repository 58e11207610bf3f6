import type { MessageContent } from "../commands/store-attachments.js";
import { emailContent } from "./email-content.js";
import { parseMail, unreadableMail, type ParsedMail } from "./parse-mail.js";

/** A stored message made ready for ingest: parsed and, when usable, its HTML sanitized and files read. */
export interface ReadMail {
  mail: ParsedMail;
  content: MessageContent | null;
}

/**
 * Everything ingest does to a message before it opens a transaction: parsing, sanitizing the HTML and
 * reading the files, all CPU work. Never throws: a message that breaks it comes back unreadable with the
 * reason, so it is quarantined instead of stopping the mail behind it.
 */
export async function readMail(raw: Buffer): Promise<ReadMail> {
  try {
    const mail = await parseMail(raw);
    return { mail, content: mail.problems.length === 0 ? emailContent(mail) : null };
  } catch (error) {
    return {
      mail: unreadableMail(raw.length, `could not be read: ${(error as Error).message}`),
      content: null,
    };
  }
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * A ReadMail that came from another thread: structured cloning turns Buffers into plain Uint8Arrays,
 * and Heed's code (hashing, storing, comparing) expects Buffers. Dates and Maps survive as they are.
 */
export function reviveReadMail(read: ReadMail): ReadMail {
  const contents = new Map([...read.mail.contents].map(([key, bytes]) => [key, asBuffer(bytes)] as const));
  const content = read.content && {
    ...read.content,
    files: read.content.files.map((file) => ({ ...file, content: asBuffer(file.content) })),
  };
  return { mail: { ...read.mail, contents }, content };
}

import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { InstallKeys } from "../lib/install-secret.js";

/**
 * Who a widget visitor is, as the widget proves it on every connection: a token Heed signed, naming the
 * chat inbox and the visitor's subject — `v:<random id>` for an anonymous visitor (the token lives in
 * their browser's storage, so it survives reloads and tabs) or `x:<id>` for a shop customer the shop
 * vouched for (then their chats follow them to any device). A widget key alone never reads anything.
 */
export interface Visitor {
  inboxId: string;
  subject: string;
}

const SIGNATURE_LENGTH = 26;
const encode = (text: string) => Buffer.from(text, "utf8").toString("base64url");

export const newVisitorSubject = (): string => `v:${randomUUID()}`;
export const shopCustomerSubject = (externalId: string): string => `x:${externalId}`;

export function issueVisitorToken(keys: InstallKeys, visitor: Visitor): string {
  const data = `${visitor.inboxId}\n${visitor.subject}`;
  return `vt1.${visitor.inboxId}.${encode(visitor.subject)}.${keys.sign("visitor-token", data, SIGNATURE_LENGTH)}`;
}

/** The visitor a token names, or null for anything else (another inbox's token, a forged one). */
export function readVisitorToken(keys: InstallKeys, inboxId: string, token: string): Visitor | null {
  const match = /^vt1\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{1,400})\.([a-z2-7]+)$/.exec(token);
  if (!match || match[1] !== inboxId) return null;
  const subject = Buffer.from(match[2]!, "base64url").toString("utf8");
  if (!/^[vx]:/.test(subject)) return null;
  if (!keys.verify("visitor-token", `${inboxId}\n${subject}`, match[3]!, SIGNATURE_LENGTH)) return null;
  return { inboxId, subject };
}

/**
 * The shop's proof that its logged-in customer is `externalId`: the hex HMAC-SHA256 of the id with the
 * chat inbox's identity secret, computed on the shop's server. Constant-time comparison.
 */
export function isVouchedFor(secret: string, externalId: string, hash: string): boolean {
  const expected = createHmac("sha256", secret).update(externalId).digest();
  const given = /^[0-9a-f]{64}$/i.test(hash) ? Buffer.from(hash, "hex") : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

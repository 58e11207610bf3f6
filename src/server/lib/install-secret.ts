import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import type { Queryable } from "../db/types.js";

/** What a key is for; each purpose gets its own key derived from the root secret (HKDF). */
export type KeyPurpose = "reply-address" | "stored-credentials" | "message-id" | "visitor-token";

/**
 * Keys derived from the install's root secret: HEED_SECRET when set, otherwise a random secret kept in
 * the database (created on first use). Signing is HMAC-SHA256; sealing is AES-256-GCM with a random
 * nonce, so a stored password is unreadable without the secret and any change to it is detected.
 */
export interface InstallKeys {
  /** A URL- and mailbox-safe signature of `data` (lower-case base32, `length` characters). */
  sign(purpose: KeyPurpose, data: string, length?: number): string;
  /** Compares in constant time; false for any other signature, length included. */
  verify(purpose: KeyPurpose, data: string, signature: string, length?: number): boolean;
  seal(plaintext: string): string;
  /** Throws when the sealed text was changed or sealed with another secret. */
  open(sealed: string): string;
}

const cache = new WeakMap<object, Map<string, Promise<InstallKeys>>>();

/** The install's keys for this database and HEED_SECRET (looked up once per database object). */
export function installKeys(db: Queryable, envSecret: string | undefined): Promise<InstallKeys> {
  let bySecret = cache.get(db);
  if (!bySecret) cache.set(db, (bySecret = new Map()));
  const slot = envSecret ?? "";
  let keys = bySecret.get(slot);
  if (!keys) {
    keys = rootSecret(db, envSecret).then(keysFrom);
    keys.catch(() => bySecret.delete(slot));
    bySecret.set(slot, keys);
  }
  return keys;
}

async function rootSecret(db: Queryable, envSecret: string | undefined): Promise<Buffer> {
  if (envSecret) return Buffer.from(envSecret, "utf8");
  await db.query(
    "INSERT INTO install_secrets (name, value) VALUES ('root', $1) ON CONFLICT (name) DO NOTHING",
    [randomBytes(32)],
  );
  const rows = await db.query<{ value: Buffer | Uint8Array }>(
    "SELECT value FROM install_secrets WHERE name = 'root'",
  );
  return Buffer.from(rows[0]!.value);
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** RFC 4648 base32 without padding, lower case: safe in the local part of an email address. */
function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function keysFrom(root: Buffer): InstallKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync("sha256", root, "heed", purpose, 32));
  const signing = new Map<KeyPurpose, Buffer>();
  const signingKey = (purpose: KeyPurpose) => {
    let key = signing.get(purpose);
    if (!key) signing.set(purpose, (key = derive(`sign:${purpose}`)));
    return key;
  };
  const sealKey = derive("seal:stored-credentials");
  const sign = (purpose: KeyPurpose, data: string, length = 16) =>
    base32(createHmac("sha256", signingKey(purpose)).update(data).digest()).slice(0, length);
  return {
    sign,
    verify(purpose, data, signature, length = 16) {
      const expected = Buffer.from(sign(purpose, data, length));
      const given = Buffer.from(signature.toLowerCase());
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    seal(plaintext) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", sealKey, nonce);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return `v1.${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64url")}`;
    },
    open(sealed) {
      const match = /^v1\.([A-Za-z0-9_-]+)$/.exec(sealed);
      if (!match) throw new Error("not a sealed value");
      const bytes = Buffer.from(match[1]!, "base64url");
      const decipher = createDecipheriv("aes-256-gcm", sealKey, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
    },
  };
}

import { createHash, randomBytes } from "node:crypto";
import { v7 } from "uuid";

/** Time-ordered ids keep B-tree inserts local and make ids sort by creation. */
export const newId = (): string => v7();

/** A random secret for links and tokens; only its hash is stored. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");

/** Tokens are high-entropy, so a fast hash is enough (no salt or slow KDF needed, unlike passwords). */
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export const isUuid = (value: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

import type { Queryable } from "../db/types.js";
import { conflict, invalid } from "../lib/errors.js";
import type { Language } from "../lib/guess-language.js";
import { findSavedReplyFolder } from "../models/saved-reply-folders.js";
import { isShortcutTaken, lockShortcut, type SavedReplyScope } from "../models/saved-replies.js";
import { validateTemplate } from "../saved-replies/variables.js";

/** The shortcut unique indexes: a lost race there is the same 409 as the check. */
export const SHORTCUT_INDEXES = ["saved_replies_shared_shortcut_key", "saved_replies_personal_shortcut_key"];

/**
 * The variants as given, checked: each language once, every variable known. Throws 400 naming the
 * field: `variants.1.lang` for a language given twice, `variants.1.body` for an unknown variable.
 */
export function checkVariants(
  variants: { lang: Language; body: string }[],
): { lang: Language; body: string }[] {
  variants.forEach((variant, i) => {
    if (variants.findIndex((other) => other.lang === variant.lang) !== i)
      throw invalid(`variants.${i}.lang`, `${variant.lang} is given twice`);
    const unknown = validateTemplate(variant.body);
    if (unknown.length)
      throw invalid(
        `variants.${i}.body`,
        `unknown variable ${unknown.map((name) => `{{ ${name} }}`).join(", ")}`,
      );
  });
  return variants.map((variant) => ({ lang: variant.lang, body: variant.body }));
}

/**
 * A shortcut as typed, cleaned: trimmed, a leading "/" dropped, empty as none. Throws 400 `shortcut`
 * unless it is at most 50 characters without spaces or slashes.
 */
export function cleanShortcut(shortcut: string | null | undefined): string | null | undefined {
  if (shortcut === undefined || shortcut === null) return shortcut;
  const clean = shortcut.trim().replace(/^\/+/, "");
  if (!clean) return null;
  if (!/^[^\s/]{1,50}$/.test(clean))
    throw invalid("shortcut", "must be at most 50 characters, without spaces or slashes");
  return clean;
}

/** Throws 400 `folderId` unless the folder is one of the workspace's. */
export async function checkFolder(tx: Queryable, workspaceId: string, folderId: string): Promise<void> {
  if (!(await findSavedReplyFolder(tx, workspaceId, folderId)))
    throw invalid("folderId", "is not a folder of this workspace");
}

/**
 * Claims a shortcut for a reply inside the caller's transaction: locks the shortcut (concurrent claims
 * wait) and throws 409 when someone who would see this reply already sees another with the shortcut
 * (any reply of the workspace for a shared one; shared ones and the owner's own for a personal one).
 */
export async function claimShortcut(
  tx: Queryable,
  workspaceId: string,
  shortcut: string,
  reply: { scope: SavedReplyScope; ownerId: string | null; exceptId: string | null },
): Promise<void> {
  await lockShortcut(tx, workspaceId, shortcut);
  if (await isShortcutTaken(tx, workspaceId, shortcut, reply))
    throw conflict(`The shortcut /${shortcut} is taken`, [{ field: "shortcut", message: "is taken" }]);
}

import { z } from "zod";
import type { SavedReplyFolderRow } from "../models/saved-reply-folders.js";
import type { SavedReplyVariantRow } from "../models/saved-reply-variants.js";
import type { SavedReplyRow } from "../models/saved-replies.js";
import type { ScopedAbilities } from "../policies/saved-reply-policy.js";

export const ZReplyLanguage = z.enum(["en", "ru", "hr", "sk"]);
export const ZScope = z.enum(["shared", "personal"]);
export const ZScopedAbilities = z.object({ edit: z.boolean(), delete: z.boolean() });

export const ZSavedReplyVariant = z.object({ lang: ZReplyLanguage, body: z.string() });

/** A saved reply with its bodies (one per language) and what the actor may do with it. */
export const ZSavedReply = z.object({
  id: z.string(),
  title: z.string(),
  /** Typed after "/" in the composer to find it; unique among what one person sees. */
  shortcut: z.string().nullable(),
  folderId: z.string().nullable(),
  scope: ZScope,
  /** Personal replies: their owner; null for shared ones. */
  ownerId: z.string().nullable(),
  variants: z.array(ZSavedReplyVariant),
  usageCount: z.number(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: ZScopedAbilities,
});
export type TSavedReply = z.infer<typeof ZSavedReply>;

/** A saved reply filled in for one conversation; `missing`: variables left empty (no value, no fallback). */
export const ZFilledReply = z.object({
  lang: ZReplyLanguage,
  body: z.string(),
  missing: z.array(z.string()),
});
export type TFilledReply = z.infer<typeof ZFilledReply>;

export const ZSavedReplyFolder = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  abilities: ZScopedAbilities,
});
export type TSavedReplyFolder = z.infer<typeof ZSavedReplyFolder>;

/** A saved reply row, its variants (any order; shown en, ru, hr, sk) and the actor's abilities. */
export function presentSavedReply(
  row: SavedReplyRow,
  variants: SavedReplyVariantRow[],
  abilities: ScopedAbilities,
): TSavedReply {
  return {
    id: row.id,
    title: row.title,
    shortcut: row.shortcut,
    folderId: row.folder_id,
    scope: row.scope,
    ownerId: row.owner_id,
    variants: variants
      .filter((variant) => variant.saved_reply_id === row.id)
      .map((variant) => ({ lang: variant.lang, body: variant.body })),
    usageCount: row.usage_count,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    abilities: { edit: abilities.edit, delete: abilities.delete },
  };
}

export function presentSavedReplyFolder(row: SavedReplyFolderRow, canManage: boolean): TSavedReplyFolder {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    abilities: { edit: canManage, delete: canManage },
  };
}

import type { Queryable } from "../db/types.js";
import type { Language } from "../lib/guess-language.js";

export interface SavedReplyVariantRow {
  saved_reply_id: string;
  lang: Language;
  body: string;
}

/** The variants of these replies, in language order (en, ru, hr, sk), one query for any number. */
export async function findSavedReplyVariants(
  db: Queryable,
  replyIds: string[],
): Promise<SavedReplyVariantRow[]> {
  if (replyIds.length === 0) return [];
  return db.query<SavedReplyVariantRow>(
    `SELECT saved_reply_id, lang, body FROM saved_reply_variants
      WHERE saved_reply_id = ANY($1::uuid[])
      ORDER BY saved_reply_id, array_position(ARRAY['en', 'ru', 'hr', 'sk'], lang)`,
    [replyIds],
  );
}

/** Inserts variants of any number of replies in one statement. */
export async function insertSavedReplyVariants(
  tx: Queryable,
  variants: SavedReplyVariantRow[],
): Promise<void> {
  if (variants.length === 0) return;
  await tx.query(
    `INSERT INTO saved_reply_variants (saved_reply_id, lang, body)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
    [variants.map((v) => v.saved_reply_id), variants.map((v) => v.lang), variants.map((v) => v.body)],
  );
}

/** Makes `variants` the reply's exact set of languages and bodies. */
export async function replaceSavedReplyVariants(
  tx: Queryable,
  replyId: string,
  variants: { lang: Language; body: string }[],
): Promise<void> {
  await tx.query("DELETE FROM saved_reply_variants WHERE saved_reply_id = $1", [replyId]);
  await insertSavedReplyVariants(
    tx,
    variants.map((v) => ({ saved_reply_id: replyId, lang: v.lang, body: v.body })),
  );
}

import type { Queryable } from "../db/types.js";

/** The text of the conversation's newest customer message (what a suggestion should answer). */
export async function findLastCustomerText(
  db: Queryable,
  conversationId: string,
): Promise<string | undefined> {
  const rows = await db.query<{ body: string }>(
    `SELECT body FROM messages WHERE conversation_id = $1 AND kind = 'incoming'
      ORDER BY created_at DESC, id DESC LIMIT 1`,
    [conversationId],
  );
  return rows[0]?.body;
}

export interface LinkedArticleRow {
  article_id: string;
  number: number;
  visibility: "public" | "internal";
  lang: string;
  title: string;
  slug: string;
  body_text: string;
}

/**
 * The published articles linked to any of the conversation's tags, each in the wanted language when
 * published in it, else in the workspace's default language, else in any published language.
 */
export async function findArticlesForConversationTags(
  db: Queryable,
  conversationId: string,
  lang: string,
): Promise<LinkedArticleRow[]> {
  return db.query<LinkedArticleRow>(
    `SELECT DISTINCT ON (a.id) a.id AS article_id, a.number, a.visibility, t.lang, t.title, t.slug,
            coalesce(t.body_text, '') AS body_text
       FROM conversation_tags ct
       JOIN help_article_tags hat ON hat.tag_id = ct.tag_id
       JOIN help_articles a ON a.id = hat.article_id AND a.deleted_at IS NULL
       JOIN help_article_translations t ON t.article_id = a.id AND t.title IS NOT NULL
       JOIN workspaces w ON w.id = a.workspace_id
      WHERE ct.conversation_id = $1
      ORDER BY a.id, (t.lang = $2) DESC, (t.lang = w.default_language) DESC, t.lang
      LIMIT 10`,
    [conversationId, lang],
  );
}

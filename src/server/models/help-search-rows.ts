import type { Queryable } from "../db/types.js";

/** A translation as the search index needs it; `title` NULL = not published in this language. */
export interface HelpIndexRow {
  article_id: string;
  lang: string;
  number: number;
  slug: string;
  visibility: "public" | "internal";
  title: string | null;
  description: string | null;
  keywords: string | null;
  body_text: string | null;
  deleted_at: Date | null;
}

/** The help center's content version; undefined when the workspace has no help center yet. */
export async function findHelpContentVersion(
  db: Queryable,
  workspaceId: string,
): Promise<number | undefined> {
  const rows = await db.query<{ content_version: string }>(
    "SELECT content_version FROM help_centers WHERE workspace_id = $1",
    [workspaceId],
  );
  return rows[0] ? Number(rows[0].content_version) : undefined;
}

/** The translations of one language whose searchable state changed in the version range (after, upTo]. */
export async function findHelpIndexRows(
  db: Queryable,
  workspaceId: string,
  lang: string,
  after: number,
  upTo: number,
): Promise<HelpIndexRow[]> {
  return db.query<HelpIndexRow>(
    `SELECT t.article_id, t.lang, a.number, t.slug, a.visibility, t.title, t.description, t.keywords,
            t.body_text, a.deleted_at
       FROM help_article_translations t JOIN help_articles a ON a.id = t.article_id
      WHERE t.workspace_id = $1 AND t.lang = $2 AND t.index_version > $3 AND t.index_version <= $4`,
    [workspaceId, lang, after, upTo],
  );
}

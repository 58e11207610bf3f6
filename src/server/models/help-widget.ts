import type { Queryable } from "../db/types.js";
import { newId } from "../lib/ids.js";

/**
 * Records that a chat visitor opened an article the widget suggested (source 'widget'); only a public,
 * live article of the workspace counts. False when there is no such article.
 */
export async function insertWidgetArticleView(
  db: Queryable,
  v: { workspaceId: string; articleId: string; lang: string; visitorId: string },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO help_article_views (id, workspace_id, article_id, lang, source, viewer_id)
     SELECT $1, a.workspace_id, a.id, $4, 'widget', $5 FROM help_articles a
      WHERE a.id = $2 AND a.workspace_id = $3 AND a.visibility = 'public' AND a.deleted_at IS NULL
     RETURNING id`,
    [newId(), v.articleId, v.workspaceId, v.lang, v.visitorId],
  );
  return rows.length > 0;
}

/** How long after reading an article a new conversation still counts as "after viewing" it. */
export const CONTACT_AFTER_VIEW_WINDOW_MINUTES = 60;

/**
 * Notes that a new conversation was started by someone who read an article in the hour before: the
 * newest view by any of the reader's ids (the help center's cookie, the widget's visitor id).
 */
export async function insertHelpContact(
  tx: Queryable,
  c: { workspaceId: string; conversationId: string; viewerIds: string[]; at: Date },
): Promise<void> {
  if (c.viewerIds.length === 0) return;
  await tx.query(
    `INSERT INTO help_contacts (conversation_id, workspace_id, article_id, viewer_id, created_at)
     SELECT $2, $1, v.article_id, v.viewer_id, $4 FROM help_article_views v
      WHERE v.workspace_id = $1 AND v.viewer_id = ANY($3::text[])
        AND v.created_at > $4::timestamptz - make_interval(mins => $5) AND v.created_at <= $4
      ORDER BY v.created_at DESC LIMIT 1
     ON CONFLICT (conversation_id) DO NOTHING`,
    [c.workspaceId, c.conversationId, c.viewerIds, c.at, CONTACT_AFTER_VIEW_WINDOW_MINUTES],
  );
}

import type { Queryable } from "../db/types.js";
import type { UsageCursor } from "../lib/usage-cursor.js";
import { savedReplyColumns, type SavedReplyRow } from "./saved-replies.js";

/** A saved reply in a list, with how well it matched the search (0 without one). */
export interface SavedReplyListRow extends SavedReplyRow {
  rank: number;
}

/** At most this many words of a search count (each must match). */
const MAX_WORDS = 8;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/**
 * The saved replies a user sees (shared ones and their own personal ones), optionally in one folder.
 * Without `q`: most used first. With `q`: every word must appear in the title, shortcut or a body (case
 * and diacritics folded, any part of a word), best match first — the shortcut itself (a leading "/" is
 * ignored), then titles starting with the words, then titles containing them all, then the rest — and
 * most used within each. Keyset paging on (rank, usage count, id); a use counted meanwhile may move a
 * reply between pages.
 */
export async function findSavedReplies(
  db: Queryable,
  opts: {
    workspaceId: string;
    userId: string;
    q?: string;
    folderId?: string;
    after?: UsageCursor;
    limit: number;
  },
): Promise<SavedReplyListRow[]> {
  const phrase = (opts.q ?? "").trim().replace(/^\/+/, "").replace(/\s+/g, " ");
  const words = phrase ? phrase.split(" ").slice(0, MAX_WORDS).map(escapeLike) : [];
  return db.query<SavedReplyListRow>(
    `WITH q AS (
       SELECT coalesce(array_agg('%' || heed_unaccent(lower(w)) || '%'), '{}') AS words,
              heed_unaccent(lower($4::text)) || '%' AS prefix
         FROM unnest($3::text[]) AS w
     )
     SELECT * FROM (
       SELECT ${savedReplyColumns},
              CASE WHEN cardinality(q.words) = 0 THEN 0
                   WHEN lower(r.shortcut) = lower($5::text) THEN 4
                   WHEN heed_unaccent(lower(r.title)) LIKE q.prefix THEN 3
                   WHEN heed_unaccent(lower(r.title)) LIKE ALL (q.words) THEN 2
                   ELSE 1 END AS rank
         FROM saved_replies r, q
        WHERE r.workspace_id = $1 AND (r.scope = 'shared' OR r.owner_id = $2)
          AND ($6::uuid IS NULL OR r.folder_id = $6::uuid)
          AND r.search_text LIKE ALL (q.words)
     ) s
     WHERE $7::int IS NULL OR (s.rank, s.usage_count) < ($7::int, $8::int)
        OR (s.rank = $7::int AND s.usage_count = $8::int AND s.id > $9::uuid)
     ORDER BY s.rank DESC, s.usage_count DESC, s.id
     LIMIT $10`,
    [
      opts.workspaceId,
      opts.userId,
      words,
      escapeLike(phrase),
      phrase,
      opts.folderId ?? null,
      opts.after?.rank ?? null,
      opts.after?.usageCount ?? null,
      opts.after?.id ?? null,
      opts.limit,
    ],
  );
}

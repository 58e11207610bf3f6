import type { Queryable } from "../db/types.js";
import type { HelpLanguage } from "./help-categories.js";

export type HelpPageKind = "contact" | "complaints";

export interface HelpPageRow {
  workspace_id: string;
  kind: HelpPageKind;
  lang: HelpLanguage;
  title: string;
  body: string;
  body_html: string;
  updated_by: string | null;
  updated_at: Date;
}

const columns = "workspace_id, kind, lang, title, body, body_html, updated_by, updated_at";

/** Every page of the workspace's help center: contact before complaints, languages en, ru, hr, sk. */
export async function findHelpPages(db: Queryable, workspaceId: string): Promise<HelpPageRow[]> {
  return db.query<HelpPageRow>(
    `SELECT ${columns} FROM help_pages WHERE workspace_id = $1
      ORDER BY kind = 'complaints', array_position(ARRAY['en', 'ru', 'hr', 'sk']::text[], lang)`,
    [workspaceId],
  );
}

export interface HelpPageFields {
  kind: HelpPageKind;
  lang: HelpLanguage;
  title: string;
  body: string;
  bodyHtml: string;
  updatedBy: string | null;
}

/** Writes pages (creating or replacing each kind and language) in one statement. */
export async function upsertHelpPages(
  tx: Queryable,
  workspaceId: string,
  pages: HelpPageFields[],
): Promise<HelpPageRow[]> {
  return tx.query<HelpPageRow>(
    `INSERT INTO help_pages (workspace_id, kind, lang, title, body, body_html, updated_by)
     SELECT $1, kind, lang, title, body, body_html, updated_by
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[])
            AS p (kind, lang, title, body, body_html, updated_by)
     ON CONFLICT (workspace_id, kind, lang) DO UPDATE SET title = excluded.title, body = excluded.body,
       body_html = excluded.body_html, updated_by = excluded.updated_by, updated_at = now()
     RETURNING ${columns}`,
    [
      workspaceId,
      pages.map((p) => p.kind),
      pages.map((p) => p.lang),
      pages.map((p) => p.title),
      pages.map((p) => p.body),
      pages.map((p) => p.bodyHtml),
      pages.map((p) => p.updatedBy),
    ],
  );
}

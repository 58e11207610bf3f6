import type { Queryable } from "../db/types.js";

export interface HelpImageRow {
  id: string;
  workspace_id: string;
  sha256: string;
  file_name: string;
  content_type: string;
  size: number;
  created_by: string | null;
  created_at: Date;
}

const columns = "id, workspace_id, sha256, file_name, content_type, size, created_by, created_at";

/** Records an uploaded image; its blob must exist already (insertBlob in the same transaction). */
export async function insertHelpImage(
  tx: Queryable,
  image: {
    id: string;
    workspaceId: string;
    sha256: string;
    fileName: string;
    contentType: string;
    size: number;
    createdBy: string;
  },
): Promise<HelpImageRow> {
  const rows = await tx.query<HelpImageRow>(
    `INSERT INTO help_images (id, workspace_id, sha256, file_name, content_type, size, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
    [
      image.id,
      image.workspaceId,
      image.sha256,
      image.fileName,
      image.contentType,
      image.size,
      image.createdBy,
    ],
  );
  return rows[0]!;
}

/** One image of the workspace; undefined when missing or another workspace's. */
export async function findHelpImage(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<HelpImageRow | undefined> {
  const rows = await db.query<HelpImageRow>(
    `SELECT ${columns} FROM help_images WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, id],
  );
  return rows[0];
}

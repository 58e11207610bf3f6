import type { Queryable } from "../db/types.js";
import type { InboxAccess } from "./inboxes.js";

export interface AttachmentRow {
  id: string;
  workspace_id: string;
  message_id: string | null;
  blob_sha256: string;
  file_name: string;
  content_type: string;
  size: number;
  content_id: string | null;
  is_inline: boolean;
  created_at: Date;
}

/** An attachment with what the policy needs to decide who sees it: its conversation's inbox. */
export interface AttachmentAccessRow extends AttachmentRow {
  conversation_id: string;
  inbox_access: InboxAccess;
  is_inbox_member: boolean;
}

const columns = `a.id, a.workspace_id, a.message_id, a.blob_sha256, a.file_name, a.content_type, a.size,
  a.content_id, a.is_inline, a.created_at`;

export interface NewAttachment {
  id: string;
  workspaceId: string;
  messageId: string | null;
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
  contentId: string | null;
  isInline: boolean;
}

/**
 * Inserts attachment rows and the blobs they name, each content once (a blob already stored is not
 * written again), in one statement: one round trip for all the files of a message. Rows come back in the
 * order given.
 */
export async function insertAttachmentsWithBlobs(
  tx: Queryable,
  attachments: NewAttachment[],
  blobs: { sha256: string; content: Buffer }[],
): Promise<AttachmentRow[]> {
  if (attachments.length === 0) return [];
  // One parameter per content: bytes go to the database as they are (an array would be hex text).
  const values = blobs
    .map((_, i) => `($${10 + i * 2}::text, $${11 + i * 2}::bytea, length($${11 + i * 2}::bytea))`)
    .join(", ");
  const rows = await tx.query<AttachmentRow>(
    `WITH stored AS (
       ${blobs.length ? `INSERT INTO blobs (sha256, content, size) VALUES ${values} ON CONFLICT (sha256) DO NOTHING` : "SELECT 1"})
     INSERT INTO attachments AS a (id, workspace_id, message_id, blob_sha256, file_name, content_type, size,
       content_id, is_inline)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[],
                          $8::text[], $9::boolean[])
     RETURNING ${columns}`,
    [
      attachments.map((a) => a.id),
      attachments.map((a) => a.workspaceId),
      attachments.map((a) => a.messageId),
      attachments.map((a) => a.sha256),
      attachments.map((a) => a.fileName),
      attachments.map((a) => a.contentType),
      attachments.map((a) => a.size),
      attachments.map((a) => a.contentId),
      attachments.map((a) => a.isInline),
      ...blobs.flatMap((blob) => [blob.sha256, blob.content]),
    ],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return attachments.map((a) => byId.get(a.id)!);
}

/** The attachments of these messages, in the order they came, for presenting a timeline (one query). */
export async function findAttachmentsOfMessages(
  db: Queryable,
  messageIds: string[],
): Promise<AttachmentRow[]> {
  if (messageIds.length === 0) return [];
  return db.query<AttachmentRow>(
    `SELECT ${columns} FROM attachments a WHERE a.message_id = ANY($1::uuid[]) ORDER BY a.created_at, a.id`,
    [messageIds],
  );
}

/**
 * One attachment of the workspace that belongs to a message, with its conversation's inbox access for
 * the user; undefined when missing, of another workspace, or not on a message (yet).
 */
export async function findAttachmentWithAccess(
  db: Queryable,
  workspaceId: string,
  id: string,
  userId: string,
): Promise<AttachmentAccessRow | undefined> {
  const rows = await db.query<AttachmentAccessRow>(
    `SELECT ${columns}, c.id AS conversation_id, i.access AS inbox_access,
            (im.user_id IS NOT NULL) AS is_inbox_member
       FROM attachments a
       JOIN messages m ON m.id = a.message_id
       JOIN conversations c ON c.id = m.conversation_id
       JOIN inboxes i ON i.id = c.inbox_id
       LEFT JOIN inbox_members im ON im.inbox_id = c.inbox_id AND im.user_id = $3
      WHERE a.workspace_id = $1 AND a.id = $2`,
    [workspaceId, id, userId],
  );
  return rows[0];
}

/**
 * A file uploaded for a message not written yet: by an agent for a reply in a conversation
 * (`uploadedBy`), or by a chat visitor (`visitorId`; their conversation, when they have one).
 */
export async function insertUpload(
  tx: Queryable,
  a: Omit<NewAttachment, "messageId" | "contentId" | "isInline"> & { conversationId: string | null } & (
      { uploadedBy: string; visitorId?: undefined } | { visitorId: string; uploadedBy?: undefined }
    ),
): Promise<AttachmentRow> {
  const rows = await tx.query<AttachmentRow>(
    `INSERT INTO attachments AS a (id, workspace_id, blob_sha256, file_name, content_type, size, conversation_id,
       uploaded_by, uploaded_by_visitor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING ${columns}`,
    [
      a.id,
      a.workspaceId,
      a.sha256,
      a.fileName,
      a.contentType,
      a.size,
      a.conversationId,
      a.uploadedBy ?? null,
      a.visitorId ?? null,
    ],
  );
  return rows[0]!;
}

/**
 * Puts the user's unused uploads of this conversation on a message; returns the ids it took (others —
 * another user's, another conversation's, already used — are left alone).
 */
export async function attachUploads(
  tx: Queryable,
  upload: { ids: string[]; conversationId: string; userId: string; messageId: string },
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE attachments SET message_id = $4
      WHERE id = ANY($1::uuid[]) AND conversation_id = $2 AND uploaded_by = $3 AND message_id IS NULL
      RETURNING id`,
    [upload.ids, upload.conversationId, upload.userId, upload.messageId],
  );
  return rows.map((row) => row.id);
}

/** A message's files with their bytes, for composing its mail. */
export async function findMessageFiles(
  db: Queryable,
  messageId: string,
): Promise<{ file_name: string; content_type: string; content: Buffer }[]> {
  const rows = await db.query<{ file_name: string; content_type: string; content: Buffer }>(
    `SELECT a.file_name, a.content_type, b.content FROM attachments a JOIN blobs b ON b.sha256 = a.blob_sha256
      WHERE a.message_id = $1 ORDER BY a.created_at, a.id`,
    [messageId],
  );
  return rows.map((row) => ({ ...row, content: Buffer.from(row.content) }));
}

/** The names of the visitor's unused uploads among `ids` (to name a message that is only files). */
export async function findVisitorUploadNames(
  tx: Queryable,
  upload: { ids: string[]; workspaceId: string; visitorId: string },
): Promise<string[]> {
  const rows = await tx.query<{ file_name: string }>(
    `SELECT file_name FROM attachments
      WHERE id = ANY($1::uuid[]) AND workspace_id = $2 AND uploaded_by_visitor = $3 AND message_id IS NULL
      ORDER BY created_at, id`,
    [upload.ids, upload.workspaceId, upload.visitorId],
  );
  return rows.map((row) => row.file_name);
}

/** Puts the visitor's unused uploads on their message (and its conversation); returns the ids it took. */
export async function attachVisitorUploads(
  tx: Queryable,
  upload: {
    ids: string[];
    workspaceId: string;
    visitorId: string;
    conversationId: string;
    messageId: string;
  },
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE attachments SET message_id = $4, conversation_id = $5
      WHERE id = ANY($1::uuid[]) AND workspace_id = $2 AND uploaded_by_visitor = $3 AND message_id IS NULL
      RETURNING id`,
    [upload.ids, upload.workspaceId, upload.visitorId, upload.messageId, upload.conversationId],
  );
  return rows.map((row) => row.id);
}

/**
 * A file on a message a visitor may see (their own or an agent's reply, never a note's) in one of their
 * conversations of the chat inbox, with its bytes; undefined for anything else.
 */
export async function findVisitorFile(
  db: Queryable,
  visitor: { inboxId: string; visitorId: string },
  id: string,
): Promise<{ file_name: string; content_type: string; content: Buffer } | undefined> {
  const rows = await db.query<{ file_name: string; content_type: string; content: Buffer }>(
    `SELECT a.file_name, a.content_type, b.content
       FROM attachments a
       JOIN messages m ON m.id = a.message_id
       JOIN conversations c ON c.id = m.conversation_id
       JOIN blobs b ON b.sha256 = a.blob_sha256
      WHERE a.id = $3 AND c.inbox_id = $1 AND c.visitor_id = $2 AND m.kind IN ('incoming', 'outgoing')`,
    [visitor.inboxId, visitor.visitorId, id],
  );
  return rows[0] ? { ...rows[0], content: Buffer.from(rows[0].content) } : undefined;
}

import { createHash } from "node:crypto";
import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { cleanContentType, cleanFileName } from "../email/email-content.js";
import { invalid } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { insertUpload, type AttachmentRow } from "../models/attachments.js";
import { insertBlob } from "../models/blobs.js";

/** The largest file an agent may attach to a reply; a whole mail stays under common 25 MB limits. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Stores a file an agent uploads for a reply in a conversation: its bytes as a blob (content-addressed,
 * stored once), an attachment without a message yet. Sending the reply with its id puts it on the reply
 * and in the mail. The caller has checked the actor may reply in the conversation.
 */
export async function uploadReplyFile(
  db: Database,
  actor: Actor,
  conversationId: string,
  file: { fileName: string | null; contentType: string; content: Buffer },
): Promise<AttachmentRow> {
  if (file.content.length === 0) throw invalid("file", "is empty");
  if (file.content.length > MAX_UPLOAD_BYTES)
    throw invalid("file", `is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  const sha256 = createHash("sha256").update(file.content).digest("hex");
  const contentType = cleanContentType(file.contentType);
  return db.transaction(async (tx) => {
    await insertBlob(tx, sha256, file.content);
    return insertUpload(tx, {
      id: newId(),
      workspaceId: actor.workspaceId,
      sha256,
      fileName: cleanFileName(file.fileName, contentType),
      contentType,
      size: file.content.length,
      conversationId,
      uploadedBy: actor.userId,
    });
  });
}

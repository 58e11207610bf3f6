import type { Queryable } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { insertAttachmentsWithBlobs, type AttachmentRow } from "../models/attachments.js";

/** One file a message carries, with its bytes. */
export interface MessageFile {
  /** Hex SHA-256 of `content`: the blob it is stored under. */
  sha256: string;
  content: Buffer;
  fileName: string;
  contentType: string;
  /** Content-ID without angle brackets (how the HTML refers to an inline image). */
  contentId: string | null;
  /** Shown inside the message's HTML rather than listed under it. */
  isInline: boolean;
}

/** What a message carries besides its text: for email, the sanitized HTML and the files. */
export interface MessageContent {
  /** HTML already sanitized with sanitizeEmailHtml; null when there is none. */
  html: string | null;
  hasRemoteImages: boolean;
  files: MessageFile[];
}

/**
 * Stores a message's files inside the caller's transaction, in one statement: each distinct content once
 * as a blob (content already stored by any message is not written again), and one attachment row per
 * file, in the order given.
 */
export async function storeAttachments(
  tx: Queryable,
  target: { workspaceId: string; messageId: string },
  files: MessageFile[],
): Promise<AttachmentRow[]> {
  const blobs = new Map(files.map((file) => [file.sha256, { sha256: file.sha256, content: file.content }]));
  return insertAttachmentsWithBlobs(
    tx,
    files.map((file) => ({
      id: newId(),
      workspaceId: target.workspaceId,
      messageId: target.messageId,
      sha256: file.sha256,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.content.length,
      contentId: file.contentId,
      isInline: file.isInline,
    })),
    [...blobs.values()],
  );
}

import { createHash } from "node:crypto";
import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { cleanFileName } from "../email/email-content.js";
import { invalid } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { insertBlob } from "../models/blobs.js";
import { recordEvent } from "../models/events.js";
import { insertHelpImage, type HelpImageRow } from "../models/help-images.js";

/** The largest image an article or the logo may have. */
export const MAX_HELP_IMAGE_BYTES = 5 * 1024 * 1024;

const startsWith = (content: Buffer, bytes: string, at = 0) =>
  content.subarray(at, at + bytes.length).equals(Buffer.from(bytes, "latin1"));

/**
 * The image type the bytes themselves say, whatever the uploader declared: PNG, JPEG, GIF or WebP;
 * undefined for anything else (SVG and HTML above all, which could run script on the help center).
 */
export function sniffImageType(content: Buffer): string | undefined {
  if (startsWith(content, "\x89PNG\r\n\x1a\n")) return "image/png";
  if (startsWith(content, "\xff\xd8\xff")) return "image/jpeg";
  if (startsWith(content, "GIF87a") || startsWith(content, "GIF89a")) return "image/gif";
  if (startsWith(content, "RIFF") && startsWith(content, "WEBP", 8)) return "image/webp";
  return undefined;
}

/**
 * Stores an image for articles or the logo (any member: agents illustrate the articles they own),
 * served publicly from /help/images/:id with the type its bytes show. 400 naming `file` when it is
 * empty, larger than 5 MB or not a PNG, JPEG, GIF or WebP image. `help_image.uploaded`.
 */
export async function uploadHelpImage(
  db: Database,
  actor: Actor,
  file: { fileName: string | null; content: Buffer },
): Promise<HelpImageRow> {
  if (file.content.length === 0) throw invalid("file", "is empty");
  if (file.content.length > MAX_HELP_IMAGE_BYTES)
    throw invalid("file", `is larger than ${MAX_HELP_IMAGE_BYTES / 1024 / 1024} MB`);
  const contentType = sniffImageType(file.content);
  if (!contentType) throw invalid("file", "must be a PNG, JPEG, GIF or WebP image");
  const sha256 = createHash("sha256").update(file.content).digest("hex");
  return db.transaction(async (tx) => {
    await insertBlob(tx, sha256, file.content);
    const image = await insertHelpImage(tx, {
      id: newId(),
      workspaceId: actor.workspaceId,
      sha256,
      fileName: cleanFileName(file.fileName, contentType),
      contentType,
      size: file.content.length,
      createdBy: actor.userId,
    });
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "help_image.uploaded",
      actorUserId: actor.userId,
      payload: { imageId: image.id },
    });
    return image;
  });
}

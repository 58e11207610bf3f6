import type { TAttachment } from "../api/types.js";
import { useI18n } from "../i18n/i18n.js";

/** "820 B", "12 kB", "1.4 MB" in the user's language. */
export function formatFileSize(size: number, language: string): string {
  const [unit, value] =
    size >= 1_000_000
      ? (["megabyte", size / 1_000_000] as const)
      : size >= 1_000
        ? (["kilobyte", size / 1_000] as const)
        : (["byte", size] as const);
  return new Intl.NumberFormat(language, {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: unit === "megabyte" ? 1 : 0,
  }).format(value);
}

/**
 * The files that came with a message (inline images are shown in its HTML instead), each with its size
 * and a download link. The server always answers with a download, whatever the file is.
 */
export function AttachmentList({ attachments }: { attachments: TAttachment[] }) {
  const { t, language } = useI18n();
  const listed = attachments.filter((attachment) => !attachment.isInline);
  if (listed.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t("conversation.attachments")}>
      {listed.map((attachment) => (
        <li key={attachment.id}>
          <a href={`/api/v1/attachments/${attachment.id}`} download={attachment.fileName}>
            {attachment.fileName}
          </a>{" "}
          <span className="attachment-size">{formatFileSize(attachment.size, language)}</span>
        </li>
      ))}
    </ul>
  );
}

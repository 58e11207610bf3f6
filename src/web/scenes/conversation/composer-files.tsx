import { useRef, useState } from "react";
import { api } from "../../api/client.js";
import { formatFileSize } from "../../components/attachment-list.js";
import type { TAttachment } from "../../api/types.js";
import { errorText } from "../../i18n/error-text.js";
import { useI18n } from "../../i18n/i18n.js";

/** The server's limit per file (POST /conversations/:id/attachments answers 413 beyond it). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Files for the reply being written: "Attach files" uploads each one at once (so sending stays fast and
 * a too-large file is refused before the agent finishes writing), lists them with a Remove button, and
 * hands their ids to the composer, which sends them with the reply.
 */
export function ComposerFiles({
  conversationId,
  files,
  onChange,
}: {
  conversationId: string;
  files: TAttachment[];
  onChange: (files: TAttachment[]) => void;
}) {
  const { t, language } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const add = async (chosen: FileList | null) => {
    if (!chosen?.length) return;
    setError(null);
    let next = files;
    for (const file of Array.from(chosen)) {
      if (file.size > MAX_FILE_BYTES) {
        setError(t("composer.fileTooLarge", { name: file.name }));
        continue;
      }
      setUploading((n) => n + 1);
      try {
        const stored = await api.upload<TAttachment>(`/conversations/${conversationId}/attachments`, file);
        next = [...next, stored];
        onChange(next);
      } catch (caught) {
        setError(t("composer.uploadFailed", { name: file.name, reason: errorText(caught, t) }));
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (input.current) input.current.value = "";
  };

  return (
    <div className="composer-files">
      <input
        ref={input}
        type="file"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => void add(e.target.files)}
      />
      <button type="button" className="ghost" onClick={() => input.current?.click()} disabled={uploading > 0}>
        {uploading > 0 ? t("composer.uploading") : t("composer.attach")}
      </button>
      {files.length > 0 && (
        <ul aria-label={t("composer.files")}>
          {files.map((file) => (
            <li key={file.id}>
              <span>{file.fileName}</span>{" "}
              <span className="muted">{formatFileSize(file.size, language)}</span>
              <button
                type="button"
                className="ghost"
                aria-label={t("composer.removeFile", { name: file.fileName })}
                onClick={() => onChange(files.filter((f) => f.id !== file.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

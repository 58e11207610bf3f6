import { useRef, useState, type ChangeEvent } from "react";
import { uploadHelpImage, useArticlePreview } from "../../api/help-center-queries.js";
import { useI18n } from "../../i18n/i18n.js";
import { errorText } from "../../i18n/error-text.js";
import { imageMarkdown, insertAtCursor } from "./text-edit.js";

const IMAGE_TYPES = "image/png,image/jpeg,image/gif,image/webp";
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * A markdown body with Write and Preview tabs. The preview is the server's own rendering, the one the
 * public page uses (videos, image rules and all), already sanitized there, so it is shown as it comes.
 * "Image" uploads a picture and puts its markdown where the cursor was.
 */
export function MarkdownField({
  id,
  label,
  value,
  onChange,
  isReadOnly = false,
  rows = 16,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  isReadOnly?: boolean;
  rows?: number;
}) {
  const { t } = useI18n();
  const [tab, setTab] = useState<"write" | "preview">("write");
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<{ isPending: boolean; error: string | null }>({
    isPending: false,
    error: null,
  });
  const preview = useArticlePreview(value, tab === "preview" && value.trim() !== "");

  const addImage = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (file.size > MAX_IMAGE_BYTES) {
      setUpload({ isPending: false, error: t("helpCenter.editor.imageTooLarge") });
      return;
    }
    // Where the cursor was before the file picker took focus (the text's end if it never had focus).
    const el = area.current;
    const start = el ? el.selectionStart : value.length;
    const end = el ? el.selectionEnd : value.length;
    setUpload({ isPending: true, error: null });
    try {
      const image = await uploadHelpImage(file);
      const next = insertAtCursor(value, start, end, imageMarkdown(image.fileName || file.name, image.url));
      onChange(next.text);
      setUpload({ isPending: false, error: null });
      setTimeout(() => {
        el?.focus();
        el?.setSelectionRange(next.caret, next.caret);
      }, 0);
    } catch (error) {
      setUpload({
        isPending: false,
        error: t("helpCenter.editor.imageFailed", { reason: errorText(error, t) }),
      });
    }
  };

  return (
    <div className="hc-markdown">
      <div className="hc-markdown-bar">
        <span className="hc-markdown-label" id={`${id}-label`}>
          {label}
        </span>
        <div role="tablist" aria-labelledby={`${id}-label`} className="hc-markdown-tabs">
          {(["write", "preview"] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`${id}-tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`${id}-panel`}
              onClick={() => setTab(name)}
            >
              {t(`helpCenter.editor.${name}`)}
            </button>
          ))}
        </div>
        {!isReadOnly && tab === "write" && (
          <>
            <button
              type="button"
              className="hc-image-button"
              disabled={upload.isPending}
              onClick={() => fileInput.current?.click()}
            >
              {upload.isPending ? t("helpCenter.editor.uploading") : t("helpCenter.editor.image")}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept={IMAGE_TYPES}
              hidden
              aria-label={t("helpCenter.editor.image")}
              onChange={(e) => void addImage(e)}
            />
          </>
        )}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${tab}`}>
        {tab === "write" ? (
          <textarea
            id={id}
            ref={area}
            className="hc-body-input"
            aria-labelledby={`${id}-label`}
            aria-describedby={`${id}-hint`}
            value={value}
            rows={rows}
            readOnly={isReadOnly}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <div className="hc-preview" aria-live="polite" aria-busy={preview.isFetching}>
            {!value.trim() ? (
              <p className="muted">{t("helpCenter.editor.nothingToPreview")}</p>
            ) : preview.error ? (
              <p role="alert" className="error">
                {errorText(preview.error, t)}
              </p>
            ) : preview.data === undefined ? (
              <p className="muted">{t("common.loading")}</p>
            ) : (
              // Sanitized on the server (the public page's own rendering): trusted as it is.
              <div className="hc-article-body" dangerouslySetInnerHTML={{ __html: preview.data }} />
            )}
          </div>
        )}
      </div>
      {upload.error && (
        <p role="alert" className="error">
          {upload.error}
        </p>
      )}
      <p id={`${id}-hint`} className="muted hint">
        {t("helpCenter.editor.markdownHint")} {t("helpCenter.editor.videoHint")}
      </p>
    </div>
  );
}

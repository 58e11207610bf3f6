import { useCallback, useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n.js";

/**
 * The frame's sandbox: never `allow-scripts`. `allow-same-origin` lets this page measure the frame to
 * size it to its content and lets inline images load as attachment URLs with the session; the popup
 * flags let links open in a normal new tab. The server's document carries the same sandbox in its
 * content policy (presenters/email-html-presenter.ts), so it is sandboxed even when opened alone.
 */
export const EMAIL_FRAME_SANDBOX = "allow-same-origin allow-popups allow-popups-to-escape-sandbox";

const MIN_HEIGHT = 24;

/**
 * An email's HTML in a sandboxed frame, as tall as its content. Remote images stay blocked until the
 * agent asks for them for this message ("Show remote images" reloads the frame with images=allow);
 * the choice is not remembered, so each message is a decision of its own.
 */
export function EmailFrame({
  messageId,
  hasRemoteImages,
  title,
}: {
  messageId: string;
  hasRemoteImages: boolean;
  title: string;
}) {
  const { t } = useI18n();
  const frame = useRef<HTMLIFrameElement>(null);
  const [allowImages, setAllowImages] = useState(false);
  const [height, setHeight] = useState(MIN_HEIGHT);
  const src = `/api/v1/messages/${messageId}/html${allowImages ? "?images=allow" : ""}`;

  const measure = useCallback(() => {
    const doc = frame.current?.contentDocument;
    const win = frame.current?.contentWindow;
    if (!doc?.documentElement || !win) return;
    const root = doc.documentElement;
    // The content's height, plus a horizontal scrollbar when a wide email needs one.
    const scrollbar = Math.max(0, win.innerHeight - root.clientHeight);
    setHeight(Math.max(MIN_HEIGHT, Math.ceil(root.getBoundingClientRect().height) + scrollbar));
  }, []);

  // Content reflows when the frame's width changes (window resize, details panel), and when the email
  // itself changes size (images arriving, <details> opened).
  const [content, setContent] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const observer = new ResizeObserver(measure);
    if (frame.current) observer.observe(frame.current);
    if (content) observer.observe(content);
    return () => observer.disconnect();
  }, [measure, content]);

  return (
    <div className="email">
      {hasRemoteImages && !allowImages && (
        <p className="email-images">
          <span>{t("conversation.remoteImagesBlocked")}</span>{" "}
          <button type="button" onClick={() => setAllowImages(true)}>
            {t("conversation.showRemoteImages")}
          </button>
        </p>
      )}
      <iframe
        ref={frame}
        className="email-frame"
        src={src}
        title={title}
        sandbox={EMAIL_FRAME_SANDBOX}
        referrerPolicy="no-referrer"
        loading="lazy"
        style={{ height }}
        onLoad={() => {
          setContent(frame.current?.contentDocument?.documentElement ?? null);
          measure();
        }}
      />
    </div>
  );
}

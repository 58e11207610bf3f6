import { useEffect, useRef } from "react";
import type { TMessage } from "../../api/types.js";
import { Markdown } from "../../components/markdown.js";
import { useI18n } from "../../i18n/i18n.js";
import { activityText } from "./activity-text.js";

/**
 * The conversation's messages oldest first: the customer's messages, replies, notes (marked and tinted so
 * nobody mistakes them for replies the customer saw) and activity lines. Scrolled to the newest.
 */
export function Timeline({ messages }: { messages: TMessage[] }) {
  const { t, formatDateTime } = useI18n();
  const end = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1]?.id;
  useEffect(() => end.current?.scrollIntoView({ block: "end" }), [last]);

  return (
    <ol className="timeline" aria-label={t("conversation.timeline")}>
      {messages.map((message) => {
        if (message.kind === "activity") {
          return (
            <li key={message.id} className="activity">
              <span>{activityText(message, t, formatDateTime)}</span>{" "}
              <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
            </li>
          );
        }
        const who =
          message.author?.name ?? (message.kind === "incoming" ? t("conversation.customer") : "Heed");
        return (
          <li key={message.id} className={`message message-${message.kind}`}>
            <div className="message-head">
              <strong>{who}</strong>
              {message.kind === "note" && <span className="note-label">{t("conversation.noteLabel")}</span>}
              <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
              {message.deliveryStatus && message.deliveryStatus !== "sent" && (
                <span className={`delivery delivery-${message.deliveryStatus}`}>
                  {t(`delivery.${message.deliveryStatus}`)}
                </span>
              )}
            </div>
            {message.kind === "incoming" ? (
              <div className="message-body plain">{message.body}</div>
            ) : (
              <Markdown text={message.body} className="message-body" />
            )}
          </li>
        );
      })}
      <div ref={end} />
    </ol>
  );
}

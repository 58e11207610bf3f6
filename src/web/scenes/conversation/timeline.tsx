import { useEffect, useRef } from "react";
import { useEarlierMessages } from "../../api/queries.js";
import type { TMessage } from "../../api/types.js";
import { AttachmentList } from "../../components/attachment-list.js";
import { EmailFrame } from "../../components/email-frame.js";
import { Markdown } from "../../components/markdown.js";
import { useI18n } from "../../i18n/i18n.js";
import { activityText } from "./activity-text.js";
import { CustomerText } from "./customer-text.js";
import { DeliveryState } from "./delivery-state.js";
import { errorText } from "../../i18n/error-text.js";

/**
 * The conversation's messages oldest first: the customer's messages, replies, notes (marked and tinted so
 * nobody mistakes them for replies the customer saw) and activity lines. Scrolled to the newest.
 */
export function Timeline({
  conversationId,
  messages: newest,
  hasEarlier,
  customerReadAt = null,
}: {
  conversationId: string;
  messages: TMessage[];
  hasEarlier: boolean;
  /** Chat read receipts: replies written before it show as seen. */
  customerReadAt?: string | null;
}) {
  const { t, formatDateTime } = useI18n();
  const end = useRef<HTMLLIElement>(null);
  const last = newest[newest.length - 1]?.id;
  // Braces matter: Chromium's scrollIntoView returns a promise, and an effect must return nothing or a
  // cleanup function (React calls whatever it gets back and the app crashes when the timeline changes).
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [last]);
  // Older pages of a long conversation, loaded on request above the newest 500.
  const earlier = useEarlierMessages(conversationId, newest[0]?.id);
  const messages = [...earlier.messages, ...newest];
  const pages = earlier.query.data?.pages;
  const canLoadMore = pages ? earlier.query.hasNextPage : hasEarlier;

  return (
    // Focusable, so keyboard users can scroll a long conversation that has no links or buttons in it.
    <ol className="timeline" aria-label={t("conversation.timeline")} tabIndex={0}>
      {canLoadMore && (
        <li className="earlier">
          <button
            type="button"
            disabled={earlier.query.isFetching}
            onClick={() => void (pages ? earlier.query.fetchNextPage() : earlier.query.refetch())}
          >
            {earlier.query.isFetching ? t("common.loading") : t("conversation.earlier")}
          </button>
          {earlier.query.isError && (
            <span role="alert" className="error">
              {" "}
              {errorText(earlier.query.error, t)}
            </span>
          )}
        </li>
      )}
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
            </div>
            <DeliveryState message={message} />
            {message.kind === "outgoing" && customerReadAt && message.createdAt <= customerReadAt && (
              <span className="delivery delivery-seen">{t("delivery.seen")}</span>
            )}
            {message.hasHtml ? (
              <EmailFrame
                messageId={message.id}
                hasRemoteImages={message.hasRemoteImages}
                title={t("conversation.emailFrame", { name: who })}
              />
            ) : message.kind === "incoming" ? (
              <CustomerText text={message.body} />
            ) : (
              <Markdown text={message.body} className="message-body" />
            )}
            <AttachmentList attachments={message.attachments} />
          </li>
        );
      })}
      {/* What "scrolled to the newest" scrolls to; an <li>, as a list may hold nothing else. */}
      <li ref={end} className="timeline-end" aria-hidden="true" />
    </ol>
  );
}

import { memo } from "react";
import type { TConversationItem } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link } from "../../router.js";
import { SlaBadge } from "../conversation/sla-badge.js";

interface Props {
  item: TConversationItem;
  href: string;
  isOpen: boolean;
  isCursor: boolean;
  index: number;
  now: number;
  onPrefetch: (id: string) => void;
}

/** One list row: customer, subject or preview, channel, how long the customer has waited, owner, tags. */
export const ConversationRow = memo(function ConversationRow(props: Props) {
  const { item, href, isOpen, isCursor, index, now, onPrefetch } = props;
  const { t, formatDuration, formatRelative } = useI18n();
  const customer = item.customer.name ?? item.customer.email ?? item.customer.phone ?? item.customer.number;
  const waiting = item.waitingSince ? now - new Date(item.waitingSince).getTime() : null;
  return (
    <li className={`row${isOpen ? " row-open" : ""}${isCursor ? " row-cursor" : ""}`}>
      <Link
        href={href}
        data-index={index}
        aria-current={isOpen ? "true" : undefined}
        onMouseEnter={() => onPrefetch(item.id)}
        onFocus={() => onPrefetch(item.id)}
      >
        <span className="row-top">
          <span className="row-customer">{customer}</span>
          <span className={`channel channel-${item.channel}`}>{t(`channel.${item.channel}`)}</span>
          {item.priority === "high" || item.priority === "urgent" ? (
            <span className={`priority priority-${item.priority}`}>{t(`priority.${item.priority}`)}</span>
          ) : null}
          {item.sentiment === "negative" && (
            <span className="mood-negative">{t("filters.mood.negative")}</span>
          )}
          <time className="row-time" dateTime={item.lastMessageAt} title={item.lastMessageAt}>
            {formatRelative(item.lastMessageAt, now)}
          </time>
        </span>
        <span className="row-subject">
          <span className="row-number">#{item.number}</span> {item.subject || item.preview}
        </span>
        {item.subject && <span className="row-preview">{item.preview}</span>}
        <span className="row-bottom">
          {waiting !== null && item.status !== "resolved" && (
            <span className="waiting" title={t("list.waitingTitle")}>
              {t("list.waiting", { duration: formatDuration(waiting) })}
            </span>
          )}
          {item.slaDueAt && item.slaState && item.status !== "resolved" && (
            <SlaBadge dueAt={item.slaDueAt} state={item.slaState} now={now} />
          )}
          <span className="row-assignee">{item.assignee ? item.assignee.name : t("list.unassigned")}</span>
          {item.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </span>
      </Link>
    </li>
  );
});

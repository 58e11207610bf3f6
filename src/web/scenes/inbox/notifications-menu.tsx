import { useEffect, useRef, useState } from "react";
import {
  useNotifications,
  useReadNotifications,
  useUnreadNotificationCount,
} from "../../api/notification-queries.js";
import type { TNotification } from "../../api/types.js";
import { errorText } from "../../i18n/error-text.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link } from "../../router.js";
import { notificationText } from "./notification-text.js";
import "./notifications.css";

/** The badge stops here: "99+". */
const BADGE_MAX = 99;

function BellIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M18 8A6 6 0 0 0 6 8c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/**
 * The top bar's bell: the unread count (kept live by the realtime provider) and, on click, the list of
 * notifications newest first, unread ones marked. Opening one goes to its conversation and marks it read.
 * A disclosure, not a modal: focus moves into the panel when it opens; Escape closes it and returns focus
 * to the bell; clicking or tabbing elsewhere closes it too.
 */
export function NotificationsMenu() {
  const { t, formatNumber, formatRelative } = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  const unread = useUnreadNotificationCount();
  const list = useNotifications(isOpen);
  const read = useReadNotifications();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);

  const close = (returnFocus: boolean) => {
    setIsOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!isOpen) return;
    panelRef.current?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [isOpen]);

  const count = unread.data?.count ?? 0;
  const isCapped = Boolean(unread.data?.isCapped) || count > BADGE_MAX;
  const label =
    count === 0
      ? t("notifications.button")
      : isCapped
        ? t("notifications.buttonCapped", { count: formatNumber(BADGE_MAX) })
        : t("notifications.buttonUnread", { count });
  const items = list.data?.pages.flatMap((page) => page.data) ?? [];

  const opened = (notification: TNotification) => {
    if (!notification.readAt) read.mutate({ ids: [notification.id] });
    setIsOpen(false);
    // The conversation takes the place of the list the focus was in.
    setTimeout(() => document.getElementById("main")?.focus(), 0);
  };

  return (
    <div
      ref={rootRef}
      className="notifications"
      onKeyDown={(event) => {
        if (event.key === "Escape" && isOpen) {
          event.stopPropagation();
          close(true);
        }
      }}
      onBlur={(event) => {
        const next = event.relatedTarget as Node | null;
        if (isOpen && next && !rootRef.current?.contains(next)) setIsOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="ghost bell-button"
        aria-expanded={isOpen}
        aria-controls={isOpen ? "notifications-panel" : undefined}
        aria-label={label}
        onClick={() => setIsOpen((v) => !v)}
      >
        <BellIcon />
        {count > 0 && (
          <span className="bell-count" aria-hidden="true">
            {isCapped ? `${formatNumber(BADGE_MAX)}+` : formatNumber(count)}
          </span>
        )}
      </button>
      {isOpen && (
        <section
          ref={panelRef}
          id="notifications-panel"
          className="notifications-panel"
          aria-labelledby="notifications-heading"
          tabIndex={-1}
        >
          <div className="notifications-head">
            <h2 id="notifications-heading">{t("notifications.title")}</h2>
            <button
              type="button"
              className="ghost"
              onClick={() => read.mutate({ all: true })}
              disabled={count === 0}
            >
              {t("notifications.markAllRead")}
            </button>
          </div>
          {list.isPending && <p className="muted notifications-state">{t("common.loading")}</p>}
          {list.isError && (
            <p role="alert" className="error notifications-state">
              {errorText(list.error, t)}
            </p>
          )}
          {list.isSuccess && items.length === 0 && (
            <p className="muted notifications-state">{t("notifications.empty")}</p>
          )}
          {items.length > 0 && (
            <ul className="notification-list" aria-label={t("notifications.title")}>
              {items.map((notification) => {
                const body = (
                  <>
                    {!notification.readAt && (
                      <span className="visually-hidden">{t("notifications.unread")}: </span>
                    )}
                    <span className="notification-text">{notificationText(notification, t)}</span>
                    <time dateTime={notification.createdAt} className="muted">
                      {formatRelative(notification.createdAt)}
                    </time>
                  </>
                );
                return (
                  <li
                    key={notification.id}
                    className={`notification${notification.readAt ? "" : " notification-unread"}`}
                  >
                    {notification.conversationId ? (
                      <Link
                        href={`/inbox/open/${notification.conversationId}`}
                        onClick={() => opened(notification)}
                      >
                        {body}
                      </Link>
                    ) : (
                      <button type="button" className="ghost" onClick={() => opened(notification)}>
                        {body}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {list.hasNextPage && (
            <button
              type="button"
              className="ghost notifications-more"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? t("common.loading") : t("notifications.more")}
            </button>
          )}
        </section>
      )}
    </div>
  );
}

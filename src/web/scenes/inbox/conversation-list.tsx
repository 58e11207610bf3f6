import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  keys,
  prefetchConversation,
  useConversationList,
  useInboxes,
  type ListFilters,
} from "../../api/queries.js";
import type { TConversationItem, TUser } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link, useLocation } from "../../router.js";
import { ConversationRow } from "./conversation-row.js";
import { folderHref } from "./folders.js";
import { errorText } from "../../i18n/error-text.js";

interface Props {
  folder: string;
  filters: ListFilters;
  openId?: string;
  cursor: number;
  /** The rows loaded so far, for keyboard moves and prefetching neighbours. */
  onItems: (items: TConversationItem[]) => void;
}

/** The conversations of a folder, loaded a page at a time as the agent scrolls (infinite scroll). */
export function ConversationList({ folder, filters, openId, cursor, onItems }: Props) {
  const { t } = useI18n();
  const { query } = useLocation();
  const client = useQueryClient();
  const list = useConversationList(filters);
  const sentinel = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);
  const [now, setNow] = useState(() => Date.now());

  // Waiting times tick once a minute.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => onItems(items), [items, onItems]);

  // Load the next page when the end of the list scrolls into view.
  useEffect(() => {
    const element = sentinel.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && list.hasNextPage && !list.isFetchingNextPage) {
        void list.fetchNextPage();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [list.hasNextPage, list.isFetchingNextPage, list]);

  // The keyboard cursor stays visible and focused.
  useEffect(() => {
    const row = listRef.current?.querySelector<HTMLAnchorElement>(`a[data-index="${cursor}"]`);
    if (row && document.activeElement !== row && !isTypingSomewhere()) row.focus({ preventScroll: false });
  }, [cursor]);

  const prefetch = useCallback((id: string) => prefetchConversation(client, id), [client]);

  if (list.isPending) return <p className="list-state">{t("common.loading")}</p>;
  if (list.isError) {
    return (
      <div className="list-state" role="alert">
        <p>{errorText(list.error, t)}</p>
        <button type="button" onClick={() => void list.refetch()}>
          {t("common.retry")}
        </button>
      </div>
    );
  }
  if (items.length === 0) {
    if (filters.q) return <p className="list-state">{t("list.noMatches", { q: filters.q })}</p>;
    return <EmptyList />;
  }
  return (
    <>
      <ol className="rows" ref={listRef} aria-label={t("list.label")}>
        {items.map((item, index) => (
          <ConversationRow
            key={item.id}
            item={item}
            index={index}
            href={folderHref(folder, query, {}, item.id)}
            isOpen={item.id === openId}
            isCursor={index === cursor}
            now={now}
            onPrefetch={prefetch}
          />
        ))}
      </ol>
      <div ref={sentinel} className="sentinel" aria-hidden="true" />
      {list.isFetchingNextPage && <p className="list-state">{t("common.loading")}</p>}
    </>
  );
}

/** An empty folder; on a new install (no inbox yet) it says what to do next. */
function EmptyList() {
  const { t } = useI18n();
  const inboxes = useInboxes();
  const session = useQueryClient().getQueryData<TUser | null>(keys.session);
  const isAdmin = session?.role === "owner" || session?.role === "admin";
  if (inboxes.data && inboxes.data.length === 0) {
    return (
      <div className="list-state">
        <p>{isAdmin ? t("list.noInboxesAdmin") : t("list.noInboxesAgent")}</p>
        {isAdmin && <Link href="/settings/inboxes">{t("list.createInbox")}</Link>}
      </div>
    );
  }
  return <p className="list-state">{t("list.empty")}</p>;
}

function isTypingSomewhere(): boolean {
  const el = document.activeElement;
  return (
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement
  );
}

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { prefetchConversation, useFolders } from "../../api/queries.js";
import type { TConversationItem, TUser } from "../../api/types.js";
import { ConnectionBanner } from "../../components/connection-banner.js";
import { useHotkeys } from "../../hooks/use-hotkeys.js";
import { useI18n } from "../../i18n/i18n.js";
import { navigate, useLocation, useTitle } from "../../router.js";
import { ConversationView, type ConversationCommands } from "../conversation/conversation-view.js";
import { ConversationList } from "./conversation-list.js";
import { folderCount, folderHref, folderNames, listFilters } from "./folders.js";
import { KeyboardHelp } from "./keyboard-help.js";
import { ListFilters } from "./list-filters.js";
import { Sidebar } from "./sidebar.js";
import { TopBar } from "./top-bar.js";

interface Props {
  user: TUser;
  folder: string;
  conversationId?: string;
}

/**
 * The inbox: folders, the list and the open conversation side by side (one at a time on a phone), with
 * the keyboard shortcuts of the help dialog; live updates come from the RealtimeProvider around it.
 */
export function InboxScene({ user, folder, conversationId }: Props) {
  const { t } = useI18n();
  const { query } = useLocation();
  const client = useQueryClient();
  const queryString = query.toString();
  const filters = useMemo(() => listFilters(folder, new URLSearchParams(queryString)), [folder, queryString]);
  const folders = useFolders();
  // Counters exist per folder, inbox and team; with other filters on, no honest count is known.
  const isCountable = !["tag", "assignee", "priority", "channel"].some((name) => query.get(name));
  const count =
    isCountable && folderNames.includes(folder as never)
      ? folderCount(folders.data, folder as (typeof folderNames)[number], {
          inboxId: query.get("inbox") ?? undefined,
          teamId: query.get("team") ?? undefined,
        })
      : undefined;
  const [items, setItems] = useState<TConversationItem[]>([]);
  const [cursor, setCursor] = useState(0);
  const [showHelp, setShowHelp] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const commands = useRef<ConversationCommands | null>(null);

  const title =
    folder === "search"
      ? t("search.resultsFor", { q: query.get("q") ?? "" })
      : folderNames.includes(folder as never)
        ? t(`folder.${folder}`)
        : folder;
  useTitle(title);

  // The cursor follows the open conversation; prefetch its neighbours so j/k and Enter are instant.
  useEffect(() => {
    const index = items.findIndex((item) => item.id === conversationId);
    if (index >= 0) setCursor(index);
  }, [conversationId, items]);
  useEffect(() => {
    for (const offset of [-1, 1]) {
      const neighbour = items[cursor + offset];
      if (neighbour) prefetchConversation(client, neighbour.id);
    }
  }, [cursor, items, client]);

  const open = useCallback(
    (index: number) => {
      const item = items[index];
      if (item) navigate(folderHref(folder, query, {}, item.id));
    },
    [items, folder, query],
  );
  const move = (delta: number) =>
    setCursor((c) => Math.min(Math.max(c + delta, 0), Math.max(items.length - 1, 0)));

  useHotkeys({
    j: () => move(1),
    k: () => move(-1),
    Enter: () => open(cursor),
    r: () => commands.current?.reply(),
    n: () => commands.current?.note(),
    e: () => commands.current?.resolve(),
    a: () => commands.current?.assign(),
    "/": () => searchRef.current?.focus(),
    "?": () => setShowHelp(true),
  });

  const listHref = folderHref(folder, query);
  return (
    <div className={`app${conversationId ? " has-conversation" : ""}${menuOpen ? " menu-open" : ""}`}>
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <ConnectionBanner />
      <TopBar
        user={user}
        searchRef={searchRef}
        onToggleMenu={() => setMenuOpen((v) => !v)}
        isMenuOpen={menuOpen}
      />
      <Sidebar folder={folder} onNavigate={() => setMenuOpen(false)} />
      <section className="list-pane" aria-labelledby="list-title">
        <div className="list-head">
          <h1 id="list-title">{title}</h1>
          {count !== undefined && <span className="muted list-count">{t("list.count", { count })}</span>}
          <button
            type="button"
            className="ghost help-button"
            onClick={() => setShowHelp(true)}
            aria-label={t("keys.title")}
          >
            ?
          </button>
        </div>
        <ListFilters folder={folder} />
        <ConversationList
          folder={folder}
          filters={filters}
          openId={conversationId}
          cursor={cursor}
          onItems={setItems}
        />
      </section>
      <main id="main" className="conversation-pane" tabIndex={-1}>
        {conversationId ? (
          <ConversationView
            key={conversationId}
            id={conversationId}
            user={user}
            backHref={listHref}
            commandsRef={commands}
          />
        ) : (
          <p className="empty-pane">{t("conversation.none")}</p>
        )}
      </main>
      {showHelp && <KeyboardHelp onClose={() => setShowHelp(false)} />}
    </div>
  );
}

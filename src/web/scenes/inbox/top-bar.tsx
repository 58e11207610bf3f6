import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent, type RefObject } from "react";
import { signOut } from "../../api/queries.js";
import type { TUser } from "../../api/types.js";
import { AvailabilitySwitch } from "../../components/availability-switch.js";
import { LanguageSwitch } from "../../components/language-switch.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link, navigate, useLocation } from "../../router.js";
import { folderHref } from "./folders.js";
import { NotificationsMenu } from "./notifications-menu.js";

/** Brand, the search box (full text in all four languages, customers by name, email, phone, number), user menu. */
export function TopBar({
  user,
  searchRef,
  onToggleMenu,
  isMenuOpen,
}: {
  user: TUser;
  searchRef?: RefObject<HTMLInputElement | null>;
  onToggleMenu?: () => void;
  isMenuOpen?: boolean;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const { query, path } = useLocation();
  const current = path.startsWith("/inbox/search") ? (query.get("q") ?? "") : "";
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    navigate(q ? folderHref("search", new URLSearchParams(), { q }) : "/inbox/mine");
  };
  const leave = async () => {
    try {
      await signOut();
    } finally {
      client.clear();
      client.setQueryData(["session"], null);
      navigate("/", { replace: true });
    }
  };

  return (
    <header className="top-bar">
      {onToggleMenu && (
        <button
          type="button"
          className="ghost menu-button"
          onClick={onToggleMenu}
          aria-expanded={isMenuOpen}
          aria-label={t("sidebar.toggle")}
        >
          ☰
        </button>
      )}
      <Link href="/inbox/mine" className="brand">
        Heed
      </Link>
      <form role="search" onSubmit={search} className="search">
        <label className="visually-hidden" htmlFor="search-box">
          {t("search.label")}
        </label>
        <input
          id="search-box"
          ref={searchRef}
          type="search"
          value={text}
          placeholder={t("search.placeholder")}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") (e.target as HTMLInputElement).blur();
          }}
        />
      </form>
      <div className="top-actions">
        <NotificationsMenu />
        <LanguageSwitch user={user} />
        <Link
          href="/help-center"
          className="help-center-link"
          aria-current={path.startsWith("/help-center") ? "page" : undefined}
        >
          {t("helpCenter.title")}
        </Link>
        {(user.role === "owner" || user.role === "admin") && (
          <Link href="/settings/workspace">{t("settings.title")}</Link>
        )}
        <AvailabilitySwitch user={user} />
        <span className="user-name" title={user.email}>
          {user.name}
        </span>
        <button type="button" className="ghost" onClick={() => void leave()}>
          {t("common.signOut")}
        </button>
      </div>
    </header>
  );
}

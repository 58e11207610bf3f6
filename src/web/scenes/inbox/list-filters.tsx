import { useState } from "react";
import { useInboxes, useTags, useUsers } from "../../api/queries.js";
import { languages, useI18n } from "../../i18n/i18n.js";
import { navigate, useLocation } from "../../router.js";
import { folderFilters, folderHref } from "./folders.js";

const priorities = ["urgent", "high", "normal", "low"] as const;
const channels = ["email", "chat", "phone", "api"] as const;
const moods = ["negative", "neutral", "positive"] as const;

/**
 * The list's sort and, behind a "Filters" button that counts the active ones, its filters (inbox, tag,
 * assignee, priority, channel, the customer's mood and language); all kept in the URL.
 */
export function ListFilters({ folder }: { folder: string }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const inboxes = useInboxes();
  const tags = useTags();
  const users = useUsers();
  const set = (name: string, value: string) =>
    navigate(folderHref(folder, query, { [name]: value || undefined }), { replace: true });
  const hasAssigneeFolder = folder === "mine" || folder === "unassigned";
  // "Due soon" lists the soonest deadline first unless another order is chosen.
  const defaultSort = folderFilters(folder).sort ?? "newest";

  const select = (name: string, label: string, options: { value: string; label: string }[]) => (
    <label className="filter">
      <span className="visually-hidden">{label}</span>
      <select value={query.get(name) ?? ""} onChange={(e) => set(name, e.target.value)}>
        <option value="">{label}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  const names = ["inbox", "tag", "assignee", "priority", "channel", "mood", "language"].filter(
    (name) => !(name === "assignee" && hasAssigneeFolder),
  );
  const active = names.filter((name) => query.get(name)).length;
  const [isOpen, setOpen] = useState(active > 0);

  return (
    <div className="filters">
      <div className="filters-bar">
        <button
          type="button"
          className="filters-toggle"
          aria-expanded={isOpen}
          aria-controls="list-filters"
          onClick={() => setOpen((open) => !open)}
        >
          {active ? t("filters.active", { count: active }) : t("filters.label")}
        </button>
        {active > 0 && (
          <button
            type="button"
            className="ghost"
            onClick={() =>
              navigate(
                folderHref(folder, query, Object.fromEntries(names.map((name) => [name, undefined]))),
                { replace: true },
              )
            }
          >
            {t("filters.clear")}
          </button>
        )}
        <label className="filter sort">
          <span className="visually-hidden">{t("filters.sort")}</span>
          <select
            value={query.get("sort") ?? defaultSort}
            onChange={(e) => set("sort", e.target.value === defaultSort ? "" : e.target.value)}
          >
            <option value="newest">{t("filters.newest")}</option>
            <option value="waiting">{t("filters.waiting")}</option>
            <option value="due">{t("filters.due")}</option>
          </select>
        </label>
      </div>
      {isOpen && (
        <div className="filters-grid" id="list-filters" role="group" aria-label={t("filters.label")}>
          {select(
            "inbox",
            t("filters.anyInbox"),
            (inboxes.data ?? []).map((i) => ({ value: i.id, label: i.name })),
          )}
          {select(
            "tag",
            t("filters.anyTag"),
            (tags.data ?? []).map((tag) => ({ value: tag.name, label: tag.name })),
          )}
          {!hasAssigneeFolder &&
            select("assignee", t("filters.anyAssignee"), [
              { value: "me", label: t("filters.me") },
              { value: "none", label: t("list.unassigned") },
              ...(users.data ?? []).filter((u) => u.isActive).map((u) => ({ value: u.id, label: u.name })),
            ])}
          {select(
            "priority",
            t("filters.anyPriority"),
            priorities.map((p) => ({ value: p, label: t(`priority.${p}`) })),
          )}
          {select(
            "channel",
            t("filters.anyChannel"),
            channels.map((c) => ({ value: c, label: t(`channel.${c}`) })),
          )}
          {select(
            "mood",
            t("filters.anyMood"),
            moods.map((m) => ({ value: m, label: t(`filters.mood.${m}`) })),
          )}
          {select(
            "language",
            t("filters.anyLanguage"),
            languages.map((l) => ({ value: l.code, label: l.name })),
          )}
        </div>
      )}
    </div>
  );
}

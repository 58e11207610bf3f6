import { useInboxes, useTags, useUsers } from "../../api/queries.js";
import { useI18n } from "../../i18n/i18n.js";
import { navigate, useLocation } from "../../router.js";
import { folderHref } from "./folders.js";

const priorities = ["urgent", "high", "normal", "low"] as const;
const channels = ["email", "chat", "phone", "api"] as const;

/** The list's filters (inbox, tag, assignee, priority, channel) and sort, kept in the URL. */
export function ListFilters({ folder }: { folder: string }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const inboxes = useInboxes();
  const tags = useTags();
  const users = useUsers();
  const set = (name: string, value: string) =>
    navigate(folderHref(folder, query, { [name]: value || undefined }), { replace: true });
  const hasAssigneeFolder = folder === "mine" || folder === "unassigned";

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

  return (
    <div className="filters" role="group" aria-label={t("filters.label")}>
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
      <label className="filter">
        <span className="visually-hidden">{t("filters.sort")}</span>
        <select
          value={query.get("sort") ?? "newest"}
          onChange={(e) => set("sort", e.target.value === "newest" ? "" : e.target.value)}
        >
          <option value="newest">{t("filters.newest")}</option>
          <option value="waiting">{t("filters.waiting")}</option>
        </select>
      </label>
    </div>
  );
}

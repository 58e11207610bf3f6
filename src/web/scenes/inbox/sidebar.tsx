import { useFolders, useInboxes, useTeams, useUsers } from "../../api/queries.js";
import { AvailabilityDot } from "../../components/availability-switch.js";
import { useOnlineUsers } from "../../realtime/realtime-provider.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link, useLocation } from "../../router.js";
import { folderCount, folderHref, folderNames } from "./folders.js";

/**
 * Folders with their counts (maintained by the server, never counted per request), then the same per
 * inbox and per team. A scope (inbox or team) stays selected while moving between folders.
 */
export function Sidebar({ folder, onNavigate }: { folder: string; onNavigate?: () => void }) {
  const { t, formatNumber } = useI18n();
  const { query } = useLocation();
  const folders = useFolders();
  const inboxes = useInboxes();
  const teams = useTeams();
  const inboxId = query.get("inbox") ?? undefined;
  const teamId = query.get("team") ?? undefined;
  const scoped = { inboxId, teamId };

  const item = (href: string, label: string, count: number | undefined, isCurrent: boolean, key: string) => (
    <li key={key}>
      <Link href={href} aria-current={isCurrent ? "page" : undefined} onClick={onNavigate}>
        <span className="label">{label}</span>
        {count !== undefined && <span className="count">{formatNumber(count)}</span>}
      </Link>
    </li>
  );

  return (
    <nav className="sidebar" aria-label={t("sidebar.label")}>
      <h2 className="sidebar-heading">{t("sidebar.folders")}</h2>
      <ul>
        {folderNames.map((name) =>
          item(
            folderHref(name, query, { q: undefined }),
            t(`folder.${name}`),
            folderCount(folders.data, name, scoped),
            folder === name,
            name,
          ),
        )}
      </ul>
      {inboxes.data && inboxes.data.length > 0 && (
        <>
          <h2 className="sidebar-heading">{t("sidebar.inboxes")}</h2>
          <ul>
            {item(
              folderHref(folder === "search" ? "open" : folder, query, { inbox: undefined, team: undefined }),
              t("sidebar.allInboxes"),
              undefined,
              !inboxId && !teamId,
              "all",
            )}
            {inboxes.data.map((inbox) =>
              item(
                folderHref(folder === "search" ? "open" : folder, query, {
                  inbox: inbox.id,
                  team: undefined,
                }),
                inbox.name,
                folderCount(folders.data, "open", { inboxId: inbox.id }),
                inboxId === inbox.id,
                inbox.id,
              ),
            )}
          </ul>
        </>
      )}
      {teams.data && teams.data.length > 0 && (
        <>
          <h2 className="sidebar-heading">{t("sidebar.teams")}</h2>
          <ul>
            {teams.data.map((team) =>
              item(
                folderHref(folder === "search" ? "open" : folder, query, { team: team.id, inbox: undefined }),
                team.name,
                folderCount(folders.data, "open", { teamId: team.id }),
                teamId === team.id,
                team.id,
              ),
            )}
          </ul>
        </>
      )}
      <OnlineNow />
      <Link href="/help-center" className="sidebar-help-link" onClick={onNavigate}>
        {t("helpCenter.title")}
      </Link>
    </nav>
  );
}

/** Teammates signed in right now (from the live connection), with who is away or offline for work. */
function OnlineNow() {
  const { t } = useI18n();
  const online = useOnlineUsers();
  const users = useUsers();
  const availabilityOf = (id: string) => users.data?.find((u) => u.id === id)?.availability ?? "online";
  if (online.length === 0) return null;
  return (
    <>
      <h2 className="sidebar-heading">{t("sidebar.online")}</h2>
      <ul className="online-list" aria-label={t("sidebar.online")}>
        {online.map((user) => (
          <li key={user.id}>
            <AvailabilityDot availability={availabilityOf(user.id)} /> {user.name}
            {availabilityOf(user.id) !== "online" && (
              <span className="muted">{t(`sidebar.availability.${availabilityOf(user.id)}`)}</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

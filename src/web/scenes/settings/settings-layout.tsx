import type { ReactNode } from "react";
import type { TUser } from "../../api/types.js";
import { AvailabilitySwitch } from "../../components/availability-switch.js";
import { ConnectionBanner } from "../../components/connection-banner.js";
import { LanguageSwitch } from "../../components/language-switch.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link } from "../../router.js";
import { NotificationsMenu } from "../inbox/notifications-menu.js";

export const sections = [
  "workspace",
  "agents",
  "teams",
  "inboxes",
  "business-hours",
  "sla",
  "tags",
  "saved-replies",
  "macros",
  "received-email",
  "help-center",
] as const;
export type Section = (typeof sections)[number];

/** What every agent may open: their own (personal) saved replies and macros, and the shared ones to read. */
export const agentSections: readonly Section[] = ["saved-replies", "macros"];

/**
 * The settings frame: a top bar back to the inbox, the sections (a column beside the content, a row of
 * links above it on a phone) and the content in <main>. `current` is null on a page that is no section,
 * and the navigation is left out for users who may not use it; `navSections` are the ones offered.
 */
export function SettingsLayout({
  user,
  current,
  showNav,
  navSections = sections,
  children,
}: {
  user: TUser;
  current: Section | null;
  showNav: boolean;
  navSections?: readonly Section[];
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="settings">
      <a className="skip-link" href="#settings-main">
        {t("settings.skipToContent")}
      </a>
      <ConnectionBanner />
      <header className="top-bar settings-top">
        <Link href="/inbox/mine" className="brand">
          Heed
        </Link>
        <Link href="/inbox/mine" className="settings-back">
          <span aria-hidden="true">← </span>
          {t("settings.backToInbox")}
        </Link>
        <div className="top-actions">
          <NotificationsMenu />
          <LanguageSwitch user={user} />
          <AvailabilitySwitch user={user} />
          <span className="user-name" title={user.email}>
            {user.name}
          </span>
        </div>
      </header>
      <div className="settings-body">
        {showNav && (
          <nav className="settings-nav" aria-label={t("settings.navLabel")}>
            <p className="settings-nav-heading" aria-hidden="true">
              {t("settings.heading")}
            </p>
            <ul>
              {navSections.map((section) => (
                <li key={section}>
                  <Link href={`/settings/${section}`} aria-current={section === current ? "page" : undefined}>
                    {t(`settings.nav.${section}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main id="settings-main" className="settings-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}

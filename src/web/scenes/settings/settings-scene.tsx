import type { ReactNode } from "react";
import type { TUser } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link, useTitle } from "../../router.js";
import { AgentsSection } from "./agents-section.js";
import { BusinessHoursSection } from "./business-hours-section.js";
import { HelpCenterSection } from "./help-center-section.js";
import { InboxesSection } from "./inboxes-section.js";
import { ReceivedEmailSection } from "./received-email-section.js";
import { MacrosSection } from "./macros-section.js";
import { SavedRepliesSection } from "./saved-replies-section.js";
import { agentSections, sections, SettingsLayout, type Section } from "./settings-layout.js";
import { SlaSection } from "./sla-section.js";
import { TagsSection } from "./tags-section.js";
import { TeamsSection } from "./teams-section.js";
import { WorkspaceSection } from "./workspace-section.js";
import "./settings.css";

const views: Record<Section, (props: { user: TUser }) => ReactNode> = {
  workspace: WorkspaceSection,
  agents: AgentsSection,
  teams: TeamsSection,
  inboxes: InboxesSection,
  "business-hours": BusinessHoursSection,
  sla: SlaSection,
  tags: TagsSection,
  "saved-replies": SavedRepliesSection,
  macros: MacrosSection,
  "received-email": ReceivedEmailSection,
  "help-center": HelpCenterSection,
};

/**
 * The settings of the workspace (/settings/:section), for owners and admins. Agents may open saved
 * replies and macros (their personal ones); any other section tells them it is for owners and admins
 * rather than showing screens whose every request the server refuses with 403.
 */
export default function SettingsScene({ user, section }: { user: TUser; section: string }) {
  const { t } = useI18n();
  const isManager = user.role === "owner" || user.role === "admin";
  const current = (sections as readonly string[]).includes(section) ? (section as Section) : null;
  const mayOpen = current !== null && (isManager || agentSections.includes(current));
  useTitle(mayOpen ? `${t(`settings.nav.${current}`)} · ${t("settings.heading")}` : t("settings.heading"));

  if (!isManager && mayOpen) {
    const View = views[current];
    return (
      <SettingsLayout user={user} current={current} showNav navSections={agentSections}>
        <View user={user} />
      </SettingsLayout>
    );
  }
  if (!isManager) {
    return (
      <SettingsLayout user={user} current={null} showNav={false}>
        <h1>{t("settings.heading")}</h1>
        <p className="settings-notice">{t("settings.onlyManagers")}</p>
        <Link href="/inbox/mine">{t("settings.backToInbox")}</Link>
      </SettingsLayout>
    );
  }
  if (!current) {
    return (
      <SettingsLayout user={user} current={null} showNav>
        <h1>{t("settings.notFound")}</h1>
        <p>
          <Link href="/settings/workspace">{t("settings.notFoundLink")}</Link>
        </p>
      </SettingsLayout>
    );
  }
  const View = views[current];
  return (
    <SettingsLayout user={user} current={current} showNav>
      <View user={user} />
    </SettingsLayout>
  );
}

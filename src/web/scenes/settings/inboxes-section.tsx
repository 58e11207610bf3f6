import { useState } from "react";
import { useInboxes } from "../../api/queries.js";
import type { TInbox } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { AssignmentDialog } from "./assignment-dialog.js";
import { CreateInboxForm } from "./create-inbox-form.js";
import { EditInboxDialog, InboxMembersDialog, RemoveImapDialog } from "./inbox-dialogs.js";
import { ChatDialog } from "./chat-dialog.js";
import { ImapDialog } from "./imap-dialog.js";
import { ImapStateBadge } from "./imap-status.js";
import { QueryState, SettingsTable } from "./settings-ui.js";

type Open = {
  kind: "edit" | "members" | "assignment" | "imap" | "imap-remove" | "chat";
  inbox: TInbox;
} | null;

/**
 * Inboxes: where conversations come in (an email address, a chat widget, a phone line, the API), and who
 * sees each one: every agent, or only its members (owners and admins always do).
 */
export function InboxesSection() {
  const { t } = useI18n();
  const inboxes = useInboxes();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  return (
    <>
      <h1>{t("settings.inboxes.title")}</h1>
      <CreateInboxForm />
      <QueryState query={inboxes}>
        {inboxes.data?.length === 0 ? (
          <p className="muted">{t("settings.inboxes.empty")}</p>
        ) : (
          <SettingsTable
            caption={t("settings.inboxes.title")}
            columns={[
              t("settings.inboxes.name"),
              t("settings.inboxes.channel"),
              t("settings.inboxes.endpoint"),
              t("settings.inboxes.access"),
            ]}
          >
            {inboxes.data?.map((inbox) => {
              const action = (key: string) => t("settings.actionFor", { action: t(key), name: inbox.name });
              return (
                <tr key={inbox.id}>
                  <th scope="row" className="cell-main">
                    {inbox.name}
                  </th>
                  <td data-label={t("settings.inboxes.channel")}>{t(`channel.${inbox.channel}`)}</td>
                  <td data-label={t("settings.inboxes.endpoint")} className="cell-wrap">
                    <Endpoint inbox={inbox} />
                  </td>
                  <td data-label={t("settings.inboxes.access")}>
                    <div>
                      {t(`settings.inboxes.access.${inbox.access}`)}
                      {inbox.access === "members" && (
                        <span className="muted member-names">
                          {t("settings.members.count", { count: inbox.memberIds.length })}
                        </span>
                      )}
                    </div>
                  </td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      aria-label={action("settings.edit")}
                      onClick={() => setOpen({ kind: "edit", inbox })}
                    >
                      {t("settings.edit")}
                    </button>
                    <button
                      type="button"
                      aria-label={action("settings.assignment.button")}
                      onClick={() => setOpen({ kind: "assignment", inbox })}
                    >
                      {t("settings.assignment.button")}
                    </button>
                    {inbox.access === "members" && (
                      <button
                        type="button"
                        aria-label={action("settings.members.edit")}
                        onClick={() => setOpen({ kind: "members", inbox })}
                      >
                        {t("settings.members.edit")}
                      </button>
                    )}
                    {/* Only owners and admins get `imap` (null when not set up) */}
                    {inbox.channel === "email" && inbox.imap !== undefined && (
                      <button
                        type="button"
                        aria-label={action("settings.imap.button")}
                        onClick={() => setOpen({ kind: "imap", inbox })}
                      >
                        {t("settings.imap.button")}
                      </button>
                    )}
                    {inbox.channel === "chat" && (
                      <button
                        type="button"
                        aria-label={action("settings.chat.button")}
                        onClick={() => setOpen({ kind: "chat", inbox })}
                      >
                        {t("settings.chat.button")}
                      </button>
                    )}
                    {inbox.imap && (
                      <button
                        type="button"
                        aria-label={action("settings.imap.remove")}
                        onClick={() => setOpen({ kind: "imap-remove", inbox })}
                      >
                        {t("settings.imap.remove")}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </SettingsTable>
        )}
      </QueryState>
      {open?.kind === "edit" && <EditInboxDialog inbox={open.inbox} onClose={close} />}
      {open?.kind === "members" && <InboxMembersDialog inbox={open.inbox} onClose={close} />}
      {open?.kind === "assignment" && <AssignmentDialog inbox={open.inbox} onClose={close} />}
      {open?.kind === "imap" && <ImapDialog inbox={open.inbox} onClose={close} />}
      {open?.kind === "imap-remove" && <RemoveImapDialog inbox={open.inbox} onClose={close} />}
      {open?.kind === "chat" && <ChatDialog inbox={open.inbox} onClose={close} />}
    </>
  );
}

/** The email address mail arrives at (and the mailbox read over IMAP), or the chat widget's public key. */
function Endpoint({ inbox }: { inbox: TInbox }) {
  const { t } = useI18n();
  if (inbox.channel === "email" && inbox.address) {
    return (
      <span>
        {inbox.address}
        {inbox.imap && (
          <span className="imap-line">
            <span className="muted">
              {t("settings.imap.via", { user: inbox.imap.username, host: inbox.imap.host })}
            </span>{" "}
            <ImapStateBadge imap={inbox.imap} />
            {inbox.imap.status.lastErrorCode && (
              <span className="error"> {t(`settings.imap.error.${inbox.imap.status.lastErrorCode}`)}</span>
            )}
          </span>
        )}
      </span>
    );
  }
  if (inbox.channel === "chat" && inbox.widgetKey) {
    return (
      <span>
        <span className="muted">{t("settings.inboxes.widgetKey")} </span>
        <code>{inbox.widgetKey}</code>
      </span>
    );
  }
  return <span className="muted">—</span>;
}

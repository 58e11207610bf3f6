import type { TInbox } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";

export type TInboxImap = NonNullable<TInbox["imap"]>;

const badgeClass: Record<TInboxImap["status"]["state"], string> = {
  ok: "badge-ok",
  starting: "badge-off",
  disabled: "badge-off",
  failing: "badge-bad",
  stuck: "badge-bad",
  not_running: "badge-bad",
};

/** The fetch state as a badge: green when fetching, red when failing, stuck or not fetched at all. */
export function ImapStateBadge({ imap }: { imap: TInboxImap }) {
  const { t } = useI18n();
  const state = imap.status.state;
  return <span className={`badge ${badgeClass[state]}`}>{t(`settings.imap.state.${state}`)}</span>;
}

/**
 * How reading the mailbox goes, in full: the state, when it last worked, the last error in plain words
 * and the server's own, messages left behind for their size, a recreated mailbox.
 */
export function ImapStatusDetails({ imap }: { imap: TInboxImap }) {
  const { t, formatRelative, formatDateTime } = useI18n();
  const s = imap.status;
  return (
    <div className="imap-status" role="status">
      <p>
        <ImapStateBadge imap={imap} />{" "}
        {s.lastSuccessAt && (
          <span className="muted">
            {t("settings.imap.lastSuccess", { at: formatRelative(s.lastSuccessAt) })}
          </span>
        )}
      </p>
      {s.state === "not_running" && <p>{t("settings.imap.notRunningHint")}</p>}
      {s.state === "stuck" && <p>{t("settings.imap.stuckHint")}</p>}
      {s.lastErrorCode && (
        <p className="error">
          {t(`settings.imap.error.${s.lastErrorCode}`)}{" "}
          {s.failingSince && (
            <span>{t("settings.imap.failingSince", { at: formatDateTime(s.failingSince) })}</span>
          )}
          {s.lastError && (
            <>
              <br />
              <code>{s.lastError}</code>
            </>
          )}
        </p>
      )}
      {s.skippedCount > 0 && (
        <p>
          {t("settings.imap.skipped", { count: s.skippedCount })}
          {s.lastSkipped && (
            <>
              <br />
              <span className="muted">{s.lastSkipped}</span>
            </>
          )}
        </p>
      )}
      {s.uidValidityChangedAt && (
        <p className="muted">
          {t("settings.imap.recreated", { at: formatDateTime(s.uidValidityChangedAt) })}
        </p>
      )}
    </div>
  );
}

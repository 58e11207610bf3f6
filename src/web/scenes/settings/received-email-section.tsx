import { useState } from "react";
import { useInboxes } from "../../api/queries.js";
import type { TInboundEmail } from "../../api/types.js";
import { formatFileSize } from "../../components/attachment-list.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link, navigate, useLocation } from "../../router.js";
import { ReprocessDialog } from "./reprocess-dialog.js";
import { useInboundEmails, type TInboundEmailFilter } from "./settings-queries.js";
import { focusMain, QueryState, SettingsTable } from "./settings-ui.js";

const filters: TInboundEmailFilter[] = ["quarantined", "ignored", "all"];
const statusBadge: Record<TInboundEmail["status"], string> = {
  received: "badge-off",
  processed: "badge-ok",
  quarantined: "badge-bad",
  ignored: "badge-off",
};

/** Mail that went through ingest and stopped there can be sent through it again. */
const canReprocess = (email: TInboundEmail) => email.status === "quarantined" || email.status === "ignored";

/**
 * The mail Heed received, for owners and admins: the quarantine first (mail that could not be read,
 * with the server's reason), then ignored automatic mail, or everything. Each message can be downloaded
 * exactly as it arrived and, when it stopped in ingest, processed again. The filter is in the URL
 * (`?status=ignored|all`), so the view can be linked and reloaded.
 */
export function ReceivedEmailSection() {
  const { t } = useI18n();
  const { query } = useLocation();
  const asked = query.get("status");
  const filter: TInboundEmailFilter = asked === "ignored" || asked === "all" ? asked : "quarantined";
  const emails = useInboundEmails(filter);
  const inboxes = useInboxes();
  const [reprocessing, setReprocessing] = useState<TInboundEmail | null>(null);
  const [reprocessed, setReprocessed] = useState<string | null>(null);
  const rows = emails.data?.pages.flatMap((page) => page.data) ?? [];
  const inboxName = (id: string) => inboxes.data?.find((inbox) => inbox.id === id)?.name ?? "—";
  const subjectOf = (email: TInboundEmail) => email.subject || t("settings.receivedEmail.noSubject");

  const choose = (next: TInboundEmailFilter) => {
    setReprocessed(null);
    navigate(`/settings/received-email${next === "quarantined" ? "" : `?status=${next}`}`, { replace: true });
  };
  const loadMore = () => {
    void emails.fetchNextPage().then((result) => {
      // The button goes away with the last page: focus goes to the section, not the page's body.
      if (!result.hasNextPage) focusMain();
    });
  };

  return (
    <>
      <h1>{t("settings.receivedEmail.title")}</h1>
      <p className="muted">{t("settings.receivedEmail.intro")}</p>
      <form className="row-form received-filter" onSubmit={(event) => event.preventDefault()}>
        <label className="field">
          <span>{t("settings.receivedEmail.filter")}</span>
          <select value={filter} onChange={(e) => choose(e.target.value as TInboundEmailFilter)}>
            {filters.map((value) => (
              <option key={value} value={value}>
                {t(`settings.receivedEmail.filter.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <p role="status" className="saved">
          {reprocessed ? t("settings.receivedEmail.reprocessed", { subject: reprocessed }) : ""}
        </p>
      </form>
      <QueryState query={emails}>
        {rows.length === 0 ? (
          <p className="muted">{t(`settings.receivedEmail.empty.${filter}`)}</p>
        ) : (
          <SettingsTable
            caption={t("settings.receivedEmail.caption", {
              filter: t(`settings.receivedEmail.filter.${filter}`),
            })}
            columns={[
              t("settings.receivedEmail.subject"),
              t("settings.receivedEmail.from"),
              t("settings.receivedEmail.inbox"),
              t("settings.receivedEmail.receivedAt"),
              t("settings.receivedEmail.size"),
              t("settings.receivedEmail.status"),
            ]}
          >
            {rows.map((email) => (
              <ReceivedEmailRow
                key={email.id}
                email={email}
                subject={subjectOf(email)}
                inboxName={inboxName(email.inboxId)}
                onReprocess={() => setReprocessing(email)}
              />
            ))}
          </SettingsTable>
        )}
        {emails.hasNextPage && (
          <div>
            <button type="button" disabled={emails.isFetchingNextPage} onClick={loadMore}>
              {t("settings.receivedEmail.loadMore")}
            </button>
          </div>
        )}
      </QueryState>
      {reprocessing && (
        <ReprocessDialog
          id={reprocessing.id}
          subject={subjectOf(reprocessing)}
          onClose={() => setReprocessing(null)}
          onDone={() => {
            setReprocessed(subjectOf(reprocessing));
            setReprocessing(null);
            // Its button is gone (the message now waits to be processed): focus goes to the section.
            focusMain();
          }}
        />
      )}
    </>
  );
}

function ReceivedEmailRow({
  email,
  subject,
  inboxName,
  onReprocess,
}: {
  email: TInboundEmail;
  subject: string;
  inboxName: string;
  onReprocess: () => void;
}) {
  const { t, language, formatDateTime } = useI18n();
  const action = (key: string) => t("settings.actionFor", { action: t(key), name: subject });
  return (
    <tr>
      <th scope="row" className="cell-main received-subject">
        {email.subject ? email.subject : <span className="muted">{subject}</span>}
      </th>
      <td data-label={t("settings.receivedEmail.from")} className="received-sender">
        <Sender email={email} />
      </td>
      <td data-label={t("settings.receivedEmail.inbox")}>{inboxName}</td>
      <td data-label={t("settings.receivedEmail.receivedAt")}>
        <time dateTime={email.receivedAt}>{formatDateTime(email.receivedAt)}</time>
      </td>
      <td data-label={t("settings.receivedEmail.size")} className="received-size">
        {formatFileSize(email.size, language)}
      </td>
      <td data-label={t("settings.receivedEmail.status")}>
        <div className="received-status">
          <span className={`badge ${statusBadge[email.status]}`}>
            {t(`settings.receivedEmail.status.${email.status}`)}
          </span>
          {/* The reason is the server's own text, in English. */}
          {email.problem && (
            <span className="received-problem" lang="en">
              {email.problem}
            </span>
          )}
          {email.conversationId && (
            <Link
              href={`/inbox/open/${email.conversationId}`}
              aria-label={action("settings.receivedEmail.open")}
            >
              {t("settings.receivedEmail.open")}
            </Link>
          )}
        </div>
      </td>
      <td className="cell-actions">
        <div className="received-actions">
          {/* A download, never shown: mail can carry HTML and scripts. */}
          <a
            href={`/api/v1/inbound-emails/${email.id}/raw`}
            download={`${email.id}.eml`}
            aria-label={action("settings.receivedEmail.download")}
          >
            {t("settings.receivedEmail.download")}
          </a>
          {canReprocess(email) && (
            <button
              type="button"
              aria-label={action("settings.receivedEmail.reprocess")}
              onClick={onReprocess}
            >
              {t("settings.receivedEmail.reprocess")}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

/** The From address, else the envelope sender (said to be one), else a dash. */
function Sender({ email }: { email: TInboundEmail }) {
  const { t } = useI18n();
  if (email.from) return <Address address={email.from} />;
  if (email.envelopeFrom) {
    return (
      <span className="muted">
        <Address address={email.envelopeFrom} /> {t("settings.receivedEmail.envelopeFrom")}
      </span>
    );
  }
  return <span className="muted">—</span>;
}

/** An address that may wrap before its "@" (and anywhere, if its halves are still too long). */
function Address({ address }: { address: string }) {
  const at = address.lastIndexOf("@");
  if (at <= 0) return <>{address}</>;
  return (
    <>
      {address.slice(0, at)}
      <wbr />
      {address.slice(at)}
    </>
  );
}

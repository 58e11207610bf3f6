import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { useReprocessInboundEmail } from "./settings-queries.js";
import { dialogAutofocus, ErrorMessage } from "./settings-ui.js";

/**
 * Asks before sending a quarantined or ignored message through ingest again (it may open a conversation
 * and notify agents), and stays open with the server's message if that is refused.
 */
export function ReprocessDialog({
  id,
  subject,
  onClose,
  onDone,
}: {
  id: string;
  subject: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const reprocess = useReprocessInboundEmail();
  return (
    <Dialog title={t("settings.receivedEmail.reprocessTitle", { subject })} onClose={onClose}>
      <div className="stack dialog-body">
        <p>{t("settings.receivedEmail.reprocessMessage")}</p>
        <ErrorMessage error={reprocess.error} />
        <div className="dialog-actions">
          <button type="button" ref={dialogAutofocus} onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className="primary"
            disabled={reprocess.isPending}
            onClick={() => reprocess.mutate(id, { onSuccess: onDone })}
          >
            {t("settings.receivedEmail.reprocess")}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

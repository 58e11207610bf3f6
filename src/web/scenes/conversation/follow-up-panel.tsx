import { useState } from "react";
import { useCancelFollowUp } from "../../api/follow-up-queries.js";
import type { TConversation } from "../../api/types.js";
import { errorText } from "../../i18n/error-text.js";
import { useI18n } from "../../i18n/i18n.js";
import { FollowUpDialog, formatDueAt } from "./follow-up-dialog.js";
import "./follow-up.css";

/**
 * The details panel's pending follow-up: when, what to check and who set it, with Change and Cancel for
 * whoever may (`abilities.canFollowUp`). Nothing when none is pending.
 */
export function FollowUpPanel({ conversation }: { conversation: TConversation }) {
  const { t, language, formatRelative } = useI18n();
  const cancel = useCancelFollowUp(conversation.id);
  const [isEditing, setIsEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const followUp = conversation.followUp;
  if (!followUp) return null;
  const canChange = conversation.abilities.canFollowUp;
  const headingId = `follow-up-${conversation.id}`;

  const cancelFollowUp = async () => {
    setError(null);
    try {
      await cancel.mutateAsync();
    } catch (caught) {
      setError(t("followUp.cancelFailed", { reason: errorText(caught, t) }));
    }
  };

  return (
    <section className="details-section follow-up-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("followUp.heading")}</h2>
      <p className="follow-up-due">
        <time dateTime={followUp.dueAt}>{formatDueAt(followUp.dueAt, language)}</time>{" "}
        <span className="muted">({formatRelative(followUp.dueAt)})</span>
      </p>
      {followUp.note && <p className="follow-up-note">{followUp.note}</p>}
      {followUp.createdBy && (
        <p className="muted follow-up-by">{t("followUp.setBy", { name: followUp.createdBy.name })}</p>
      )}
      {canChange && (
        <div className="follow-up-actions">
          <button type="button" onClick={() => setIsEditing(true)}>
            {t("followUp.change")}
          </button>
          <button type="button" onClick={() => void cancelFollowUp()} disabled={cancel.isPending}>
            {t("followUp.cancel")}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {isEditing && (
        <FollowUpDialog
          conversationId={conversation.id}
          followUp={followUp}
          onClose={() => setIsEditing(false)}
        />
      )}
    </section>
  );
}

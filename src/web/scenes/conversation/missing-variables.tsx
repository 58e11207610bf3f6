import { variableLabel } from "../../components/reply-variables.js";
import { useI18n } from "../../i18n/i18n.js";

/**
 * After a saved reply went into the draft: the variables it uses that have no value in this conversation
 * (they were left empty), so the agent fills them in before sending.
 */
export function MissingVariables({ missing, onDismiss }: { missing: string[]; onDismiss: () => void }) {
  const { t } = useI18n();
  if (missing.length === 0) return null;
  const names = missing.map((name) => variableLabel(name, t)).join(", ");
  return (
    <div className="composer-missing" role="status">
      <p>{t("savedReplies.missing", { count: missing.length, names })}</p>
      <button
        type="button"
        className="ghost"
        aria-label={t("savedReplies.missingDismiss")}
        onClick={onDismiss}
      >
        ×
      </button>
    </div>
  );
}

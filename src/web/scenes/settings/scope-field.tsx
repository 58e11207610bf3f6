import { useI18n } from "../../i18n/i18n.js";

/**
 * Who sees a saved reply or macro: the whole team (shared, kept by owners and admins) or only its author
 * (personal). Without `canShare` only personal is offered, and said so.
 */
export function ScopeField({
  value,
  canShare,
  onChange,
}: {
  value: "shared" | "personal";
  canShare: boolean;
  onChange: (scope: "shared" | "personal") => void;
}) {
  const { t } = useI18n();
  if (!canShare) return <p className="muted hint">{t("settings.scope.personalOnly")}</p>;
  return (
    <fieldset className="plain-fieldset scope-field">
      <legend>{t("settings.scope.legend")}</legend>
      {(["shared", "personal"] as const).map((scope) => (
        <label key={scope} className="check-field">
          <input
            type="radio"
            name="scope"
            value={scope}
            checked={value === scope}
            onChange={() => onChange(scope)}
          />
          <span>
            {t(`settings.scope.${scope}`)} <span className="muted">— {t(`settings.scope.${scope}Hint`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

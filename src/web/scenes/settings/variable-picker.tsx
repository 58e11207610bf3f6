import { replyVariables, variableLabel, variableSyntax } from "../../components/reply-variables.js";
import { useI18n } from "../../i18n/i18n.js";

/** The variables a saved reply may use, each with its syntax; a click inserts it at the caret. */
export function VariablePicker({ onInsert }: { onInsert: (syntax: string) => void }) {
  const { t } = useI18n();
  return (
    <section className="variable-picker" aria-labelledby="variable-picker-title">
      <h3 id="variable-picker-title">{t("settings.savedReplies.variables")}</h3>
      <p className="muted hint">
        {t("settings.savedReplies.variablesHint")} <code>{'{{ customer.firstName | "there" }}'}</code>
      </p>
      <ul>
        {replyVariables.map((name) => (
          <li key={name}>
            <button
              type="button"
              className="ghost"
              // The text box keeps its caret and selection: the variable goes where the agent was typing.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onInsert(variableSyntax(name))}
            >
              <span>{variableLabel(name, t)}</span>
              <code>{variableSyntax(name)}</code>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

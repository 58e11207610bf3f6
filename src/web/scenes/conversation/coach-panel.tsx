import { useState } from "react";
import { latteSteps, useCoach, type TCoachAnswer, type TCoachFinding } from "../../api/coach-queries.js";
import { useDebounced } from "../../hooks/use-debounced.js";
import { useI18n } from "../../i18n/i18n.js";
import "./coach.css";

/** How long typing pauses before the coach reads the draft again. */
const PAUSE_MS = 400;
const OPEN_KEY = "heed.coach.open";

/** Nothing to read yet: an empty draft, or only the "/query" of the saved-reply picker. */
const isReadable = (draft: string) => draft.trim() !== "" && !/^\/\S*$/.test(draft.trim());

/**
 * The reply coach under the reply box: what it finds in the draft while the agent types (each with the
 * words it means and a better way to say it) and, for a complaint, the LATTE checklist. It never takes
 * the focus; it can be folded to one line (remembered on this device), and "Closing reply" tells it the
 * reply needs no next step. `onShow` selects a finding's words in the draft when asked.
 */
export function CoachPanel({
  conversationId,
  draft,
  onShow,
}: {
  conversationId: string;
  draft: string;
  onShow: (start: number, end: number) => void;
}) {
  const { t } = useI18n();
  const [isOpen, setIsOpen] = useState(() => localStorage.getItem(OPEN_KEY) !== "false");
  // Per conversation: the toggle does not follow the agent to the next one.
  const [closingFor, setClosingFor] = useState<string | null>(null);
  const closing = closingFor === conversationId;
  const text = useDebounced(draft, PAUSE_MS);
  const coach = useCoach(conversationId, isReadable(text) ? text : "", closing);
  if (!isReadable(draft)) return null;

  const answer = isReadable(text) ? coach.data : undefined;
  const findings = answer?.findings ?? [];
  const summary = coach.isError
    ? t("coach.unavailable")
    : !answer
      ? t("coach.checking")
      : findings.length
        ? t("coach.findings", { count: findings.length })
        : t("coach.looksGood");
  const toggle = () => {
    localStorage.setItem(OPEN_KEY, String(!isOpen));
    setIsOpen(!isOpen);
  };
  const bodyId = `coach-${conversationId}`;
  const hasBody = Boolean(answer && (findings.length || answer.latte));
  return (
    <section className="coach" aria-label={t("coach.title")}>
      <div className="coach-head">
        <button
          type="button"
          className="ghost coach-toggle"
          aria-expanded={isOpen}
          aria-controls={isOpen && hasBody ? bodyId : undefined}
          onClick={toggle}
        >
          <span className="coach-chevron" aria-hidden="true">
            {isOpen ? "▾" : "▸"}
          </span>
          {t("coach.title")}
        </button>
        <span
          className={`coach-summary${findings.length ? " coach-summary-warn" : answer ? " coach-summary-ok" : ""}`}
          role="status"
        >
          {summary}
        </span>
        <label className="coach-closing">
          <input
            type="checkbox"
            checked={closing}
            onChange={(e) => setClosingFor(e.target.checked ? conversationId : null)}
          />
          {t("coach.closing")}
        </label>
      </div>
      {isOpen && hasBody && answer && (
        <div id={bodyId} className="coach-body">
          {answer.latte && <LatteChecklist latte={answer.latte} />}
          {findings.length > 0 && (
            <ul className="coach-findings" aria-label={t("coach.findingsLabel")}>
              {findings.map((finding) => (
                <Finding
                  key={`${finding.id}-${finding.start}`}
                  finding={finding}
                  draft={draft}
                  onShow={onShow}
                />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

/** One finding: what is wrong, the words it means (a button selecting them in the draft), what to do. */
function Finding({
  finding,
  draft,
  onShow,
}: {
  finding: TCoachFinding;
  draft: string;
  onShow: (start: number, end: number) => void;
}) {
  const { t } = useI18n();
  // A finding about the whole reply (too long, no next step) has no words of its own to show.
  const isWhole = finding.rule === "wall-of-text" || finding.rule === "no-next-step";
  const isThere = draft.slice(finding.start, finding.end) === finding.excerpt;
  return (
    <li className={`coach-finding coach-rule-${finding.rule}`}>
      <p className="coach-message">{finding.message}</p>
      {!isWhole && finding.excerpt && (
        <p className="coach-excerpt">
          {isThere ? (
            <button
              type="button"

              title={t("coach.showInDraft")}
              onClick={() => onShow(finding.start, finding.end)}
            >
              “{finding.excerpt}”
            </button>
          ) : (
            <q>{finding.excerpt}</q>
          )}
        </p>
      )}
      {finding.suggestion && (
        <p className="coach-suggestion">
          <span className="coach-try">{t("coach.try")}</span> {finding.suggestion}
        </p>
      )}
    </li>
  );
}

/** Which steps of LATTE the reply to a complaint covers: Listen, Acknowledge, Take action, Thank, Explain. */
function LatteChecklist({ latte }: { latte: NonNullable<TCoachAnswer["latte"]> }) {
  const { t } = useI18n();
  const done = latteSteps.filter((step) => latte[step]).length;
  return (
    <div className="latte">
      <h3 className="latte-title">
        {t("coach.latte.title")}{" "}
        <span className="muted">{t("coach.latte.progress", { done, count: latteSteps.length })}</span>
      </h3>
      <ul className="latte-steps">
        {latteSteps.map((step) => (
          <li key={step} className={latte[step] ? "latte-done" : "latte-todo"} data-step={step}>
            <span className="latte-mark" aria-hidden="true">
              {latte[step] ? "✓" : ""}
            </span>
            <span className="latte-text">
              <span className="latte-name">{t(`coach.latte.${step}`)}</span>
              <span className="visually-hidden">
                {": "}
                {latte[step] ? t("coach.latte.covered") : t("coach.latte.notYet")}
                {". "}
              </span>
              <span className="latte-hint">{t(`coach.latte.${step}Hint`)}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

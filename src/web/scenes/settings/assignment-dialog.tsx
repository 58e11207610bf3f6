import { useState, type FormEvent } from "react";
import {
  assignmentModes,
  useInboxAssignment,
  useUpdateInboxAssignment,
  type AssignmentMode,
  type TInboxAssignment,
} from "../../api/assignment-queries.js";
import { useTeams } from "../../api/queries.js";
import type { TInbox } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { DialogActions, ErrorMessage, QueryState } from "./settings-ui.js";
import "./assignment.css";

/** What an option starts at when it is turned on. */
const DEFAULT_STICKY_DAYS = 7;
const DEFAULT_AWAY_MINUTES = 30;

/**
 * An inbox's assignment rule: who gets its new conversations (manual, round robin, balanced), among which
 * team, whether a returning customer goes back to their last owner, and whether new conversations of an
 * agent who has been away too long move on. Saving replaces the whole rule.
 */
export function AssignmentDialog({ inbox, onClose }: { inbox: TInbox; onClose: () => void }) {
  const { t } = useI18n();
  const rule = useInboxAssignment(inbox.id);
  return (
    <Dialog title={t("settings.assignment.title", { name: inbox.name })} onClose={onClose}>
      <QueryState query={rule}>
        {rule.data && <AssignmentForm inboxId={inbox.id} rule={rule.data} onClose={onClose} />}
      </QueryState>
    </Dialog>
  );
}

/** A whole number typed into an option's box, or null while it is empty or not a number. */
const wholeNumber = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text) : null);

function AssignmentForm({
  inboxId,
  rule,
  onClose,
}: {
  inboxId: string;
  rule: TInboxAssignment;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const teams = useTeams();
  const update = useUpdateInboxAssignment(inboxId);
  const [mode, setMode] = useState<AssignmentMode>(rule.mode);
  const [teamId, setTeamId] = useState(rule.teamId ?? "");
  const [isSticky, setIsSticky] = useState(rule.stickyDays !== null);
  const [stickyDays, setStickyDays] = useState(String(rule.stickyDays ?? DEFAULT_STICKY_DAYS));
  const [isAwayMoved, setIsAwayMoved] = useState(rule.reassignAwayMinutes !== null);
  const [awayMinutes, setAwayMinutes] = useState(String(rule.reassignAwayMinutes ?? DEFAULT_AWAY_MINUTES));
  const canEdit = rule.abilities.update;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        mode,
        teamId: teamId || null,
        stickyDays: isSticky ? wholeNumber(stickyDays) : null,
        reassignAwayMinutes: isAwayMoved ? wholeNumber(awayMinutes) : null,
      },
      { onSuccess: onClose },
    );
  };

  return (
    <form className="stack dialog-body assignment-form" onSubmit={submit}>
      <fieldset className="plain-fieldset" disabled={!canEdit}>
        <legend>{t("settings.assignment.mode")}</legend>
        <div className="assignment-modes">
          {assignmentModes.map((value) => (
            <div key={value} className="assignment-mode">
              <label className="check-field">
                <input
                  type="radio"
                  name="assignment-mode"
                  value={value}
                  checked={mode === value}
                  aria-describedby={`assignment-mode-${value}`}
                  onChange={() => setMode(value)}
                />
                <span>{t(`settings.assignment.mode.${value}`)}</span>
              </label>
              <small id={`assignment-mode-${value}`} className="muted">
                {t(`settings.assignment.modeHint.${value}`)}
              </small>
            </div>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span>{t("settings.assignment.team")}</span>
        <select
          value={teamId}
          disabled={!canEdit}
          aria-describedby="assignment-team-hint"
          onChange={(e) => setTeamId(e.target.value)}
        >
          <option value="">{t("settings.assignment.anyTeam")}</option>
          {(teams.data ?? []).map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
        <small id="assignment-team-hint" className="muted">
          {t("settings.assignment.teamHint")}
        </small>
      </label>
      <div className="assignment-option">
        <label className="check-field">
          <input
            type="checkbox"
            checked={isSticky}
            disabled={!canEdit}
            aria-describedby="assignment-sticky-hint"
            onChange={(e) => setIsSticky(e.target.checked)}
          />
          <span>{t("settings.assignment.sticky")}</span>
        </label>
        <label className="assignment-number">
          <span>{t("settings.assignment.stickyDays")}</span>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            step={1}
            required={isSticky}
            disabled={!canEdit || !isSticky}
            value={stickyDays}
            onChange={(e) => setStickyDays(e.target.value)}
          />
        </label>
        <small id="assignment-sticky-hint" className="muted">
          {t("settings.assignment.stickyHint")}
        </small>
      </div>
      <div className="assignment-option">
        <label className="check-field">
          <input
            type="checkbox"
            checked={isAwayMoved}
            disabled={!canEdit}
            aria-describedby="assignment-away-hint"
            onChange={(e) => setIsAwayMoved(e.target.checked)}
          />
          <span>{t("settings.assignment.away")}</span>
        </label>
        <label className="assignment-number">
          <span>{t("settings.assignment.awayMinutes")}</span>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={43_200}
            step={1}
            required={isAwayMoved}
            disabled={!canEdit || !isAwayMoved}
            value={awayMinutes}
            onChange={(e) => setAwayMinutes(e.target.value)}
          />
        </label>
        <small id="assignment-away-hint" className="muted">
          {t("settings.assignment.awayHint")}
        </small>
      </div>
      <ErrorMessage error={update.error} />
      {canEdit ? (
        <DialogActions isPending={update.isPending} onCancel={onClose} />
      ) : (
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t("common.close")}
          </button>
        </div>
      )}
    </form>
  );
}

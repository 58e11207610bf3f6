import { useState } from "react";
import { useEscalate, useInboxAssignment } from "../../api/assignment-queries.js";
import { ApiError } from "../../api/client.js";
import { useTeams, useUsers } from "../../api/queries.js";
import type { TConversation, TManagedUser, TUser } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { errorText } from "../../i18n/error-text.js";
import { useI18n } from "../../i18n/i18n.js";
import "./escalate.css";

/** The longest reason the server keeps. */
const REASON_MAX = 1000;

/** The reason box takes the focus when the dialog opens (showModal honours the attribute). */
const autofocus = (element: HTMLElement | null) => element?.setAttribute("autofocus", "");

type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * Why the escalation was refused, in the reader's words. A 400 about `leadId` means nobody could take it:
 * the team has no lead who may (or there is no team), or the chosen person may not. The server's own
 * sentence comes along, since it says which.
 */
function refusal(error: unknown, hasChosen: boolean, t: T): { text: string; server?: string } {
  const aboutLead =
    error instanceof ApiError &&
    error.code === "invalid_input" &&
    error.details.some((detail) => detail.field === "leadId");
  if (!aboutLead) return { text: t("escalate.failed", { reason: errorText(error, t) }) };
  return {
    text: t(hasChosen ? "escalate.leadRefused" : "escalate.noLead"),
    server: t("escalate.serverSaid", { message: error.message }),
  };
}

/**
 * Hands the conversation to a lead with a reason (required): by default one of the team's leads (the
 * conversation's team, else the team of its inbox's rule; the server picks who is online and least
 * loaded), or a person chosen from the team's leads, owners and admins who are active. Stays open with
 * the server's reason when it is refused.
 */
export function EscalateDialog({
  conversation,
  user,
  onClose,
}: {
  conversation: TConversation;
  user: TUser;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const users = useUsers();
  const teams = useTeams();
  const rule = useInboxAssignment(conversation.inboxId);
  const escalate = useEscalate(conversation.id);
  const [reason, setReason] = useState("");
  const [leadId, setLeadId] = useState("");

  const teamId = conversation.team?.id ?? rule.data?.teamId ?? null;
  const team = teams.data?.find((candidate) => candidate.id === teamId);
  const isLead = (person: TManagedUser) => Boolean(team?.leadIds.includes(person.id));
  const people = (users.data ?? []).filter(
    (person) => person.isActive && person.id !== user.id && (isLead(person) || person.role !== "agent"),
  );
  // The team's leads first, then owners and admins; by name within each.
  people.sort((a, b) => Number(isLead(b)) - Number(isLead(a)) || a.name.localeCompare(b.name));
  const describe = (person: TManagedUser) =>
    [
      isLead(person) ? t("escalate.isLead") : null,
      person.role !== "agent" ? t(`role.${person.role}`) : null,
      person.availability !== "online" ? t(`sidebar.availability.${person.availability}`) : null,
    ]
      .filter(Boolean)
      .join(", ");

  const submit = () => {
    const text = reason.trim();
    if (!text) return;
    escalate.mutate({ reason: text, ...(leadId ? { leadId } : {}) }, { onSuccess: onClose });
  };
  const failure = escalate.isError ? refusal(escalate.error, Boolean(leadId), t) : null;
  const isLeadRefused = failure?.server !== undefined;

  return (
    <Dialog title={t("escalate.title")} onClose={onClose}>
      <form
        className="escalate-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p className="muted escalate-intro">{t("escalate.intro")}</p>
        <label className="field">
          <span>{t("escalate.reason")}</span>
          <textarea
            ref={autofocus}
            rows={3}
            required
            maxLength={REASON_MAX}
            value={reason}
            placeholder={t("escalate.reasonPlaceholder")}
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("escalate.lead")}</span>
          <select
            value={leadId}
            aria-describedby={isLeadRefused ? "escalate-lead-hint escalate-error" : "escalate-lead-hint"}
            aria-invalid={isLeadRefused || undefined}
            onChange={(event) => {
              setLeadId(event.target.value);
              escalate.reset();
            }}
          >
            <option value="">
              {team ? t("escalate.leadOfTeam", { team: team.name }) : t("escalate.teamLead")}
            </option>
            {people.map((person) => {
              const about = describe(person);
              return (
                <option key={person.id} value={person.id}>
                  {about ? t("escalate.person", { name: person.name, about }) : person.name}
                </option>
              );
            })}
          </select>
          <small id="escalate-lead-hint" className="muted">
            {team
              ? t("escalate.leadHint", { team: team.name })
              : rule.isPending
                ? t("common.loading")
                : t("escalate.noTeamHint")}
          </small>
        </label>
        {failure && (
          <div id="escalate-error" role="alert" className="escalate-error">
            <p className="error">{failure.text}</p>
            {failure.server && <p className="muted">{failure.server}</p>}
          </div>
        )}
        <div className="escalate-actions">
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="primary" disabled={escalate.isPending}>
            {t("escalate.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The conversation head's "Escalate" action, for whoever may assign it (`abilities.canAssign`). */
export function EscalateButton({ conversation, user }: { conversation: TConversation; user: TUser }) {
  const { t } = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  if (!conversation.abilities.canAssign) return null;
  return (
    <>
      <button type="button" onClick={() => setIsOpen(true)}>
        {t("conversation.escalate")}
      </button>
      {isOpen && <EscalateDialog conversation={conversation} user={user} onClose={() => setIsOpen(false)} />}
    </>
  );
}

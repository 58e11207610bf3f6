import { useState } from "react";
import { useSetFollowUp } from "../../api/follow-up-queries.js";
import type { TConversation, TFollowUp } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { errorText } from "../../i18n/error-text.js";
import { useI18n } from "../../i18n/i18n.js";
import "./follow-up.css";

/** The longest note the server keeps (FOLLOW_UP_NOTE_MAX). */
const NOTE_MAX = 500;

/** Local "YYYY-MM-DDTHH:mm" for a datetime-local input. */
const localInput = (date: Date) => {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

const morningOf = (now: Date, days: number) => {
  const at = new Date(now);
  at.setDate(now.getDate() + days);
  at.setHours(9, 0, 0, 0);
  return at;
};

/** Presets at 09:00 in the agent's time zone: tomorrow, in 3 days, next Monday. */
export function followUpPresets(now = new Date()): { key: string; at: Date }[] {
  return [
    { key: "followUp.tomorrow", at: morningOf(now, 1) },
    { key: "followUp.inThreeDays", at: morningOf(now, 3) },
    { key: "followUp.nextWeek", at: morningOf(now, (8 - now.getDay()) % 7 || 7) },
  ];
}

/**
 * A follow-up time as agents plan with it: with the weekday ("Fri, Mar 14, 9:00 AM"), the year only when
 * it is not this year; in the reader's language and time zone.
 */
export function formatDueAt(iso: string, language: string, now = new Date()): string {
  const at = new Date(iso);
  return new Intl.DateTimeFormat(language, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: at.getFullYear() === now.getFullYear() ? undefined : "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(at);
}

/**
 * Sets (or changes) the conversation's follow-up: a preset or a chosen date and time, and what to check
 * then. Stays open with the server's reason when it is refused.
 */
export function FollowUpDialog({
  conversationId,
  followUp,
  onClose,
}: {
  conversationId: string;
  followUp: TFollowUp | null;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const [presets] = useState(() => followUpPresets());
  // A pending follow-up is changed from its own time; a new one starts at the first preset.
  const [choice, setChoice] = useState(followUp ? "custom" : presets[0]!.key);
  const [custom, setCustom] = useState(() =>
    localInput(followUp ? new Date(followUp.dueAt) : presets[0]!.at),
  );
  const [note, setNote] = useState(followUp?.note ?? "");
  const [error, setError] = useState<string | null>(null);
  const save = useSetFollowUp(conversationId);

  const submit = async () => {
    const at = choice === "custom" ? new Date(custom) : presets.find((p) => p.key === choice)!.at;
    if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) {
      setError(t("followUp.future"));
      return;
    }
    setError(null);
    try {
      await save.mutateAsync({ dueAt: at.toISOString(), note: note.trim() });
      onClose();
    } catch (caught) {
      setError(t("followUp.failed", { reason: errorText(caught, t) }));
    }
  };

  return (
    <Dialog title={t("followUp.title")} onClose={onClose}>
      <form
        className="follow-up-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted follow-up-intro">{t("followUp.intro")}</p>
        <fieldset className="follow-up-when">
          <legend>{t("followUp.when")}</legend>
          {presets.map((preset) => (
            <label key={preset.key} className="follow-up-choice">
              <input
                type="radio"
                name="follow-up-when"
                value={preset.key}
                checked={choice === preset.key}
                onChange={() => setChoice(preset.key)}
              />
              <span>{t(preset.key)}</span>
              <span className="muted">{formatDueAt(preset.at.toISOString(), language)}</span>
            </label>
          ))}
          <label className="follow-up-choice">
            <input
              type="radio"
              name="follow-up-when"
              value="custom"
              checked={choice === "custom"}
              onChange={() => setChoice("custom")}
            />
            <span>{t("followUp.custom")}</span>
          </label>
          <label className="follow-up-custom">
            <span className="visually-hidden">{t("followUp.dateTime")}</span>
            <input
              type="datetime-local"
              value={custom}
              onChange={(e) => {
                setCustom(e.target.value);
                setChoice("custom");
              }}
              onFocus={() => setChoice("custom")}
            />
          </label>
        </fieldset>
        <label className="field">
          <span>{t("followUp.note")}</span>
          <textarea
            rows={3}
            maxLength={NOTE_MAX}
            value={note}
            placeholder={t("followUp.notePlaceholder")}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="follow-up-actions">
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {t("followUp.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The conversation head's "Follow up" action, for whoever may set one (`abilities.canFollowUp`). */
export function FollowUpButton({ conversation }: { conversation: TConversation }) {
  const { t } = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  if (!conversation.abilities.canFollowUp) return null;
  return (
    <>
      <button type="button" onClick={() => setIsOpen(true)}>
        {t("conversation.followUp")}
      </button>
      {isOpen && (
        <FollowUpDialog
          conversationId={conversation.id}
          followUp={conversation.followUp}
          onClose={() => setIsOpen(false)}
        />
      )}
    </>
  );
}

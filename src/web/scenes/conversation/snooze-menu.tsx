import { useState } from "react";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";

/** Local "YYYY-MM-DDTHH:mm" for a datetime-local input. */
const localInput = (date: Date) => {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** Presets in the agent's time zone: in 3 hours, tomorrow 09:00, next Monday 09:00. */
export function snoozePresets(now = new Date()): { key: string; at: Date }[] {
  const inHours = new Date(now.getTime() + 3 * 3600_000);
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const monday = new Date(now);
  monday.setDate(now.getDate() + ((8 - now.getDay()) % 7 || 7));
  monday.setHours(9, 0, 0, 0);
  return [
    { key: "snooze.later", at: inHours },
    { key: "snooze.tomorrow", at: tomorrow },
    { key: "snooze.nextWeek", at: monday },
  ];
}

/** Choose when the conversation wakes up: a preset or any date and time. */
export function SnoozeDialog({
  onSnooze,
  onClose,
}: {
  onSnooze: (until: Date) => void;
  onClose: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const [custom, setCustom] = useState(() => localInput(snoozePresets()[1]!.at));
  const [error, setError] = useState<string | null>(null);
  const submitCustom = () => {
    const at = new Date(custom);
    if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) {
      setError(t("snooze.future"));
      return;
    }
    onSnooze(at);
  };
  return (
    <Dialog title={t("snooze.title")} onClose={onClose}>
      <ul className="snooze-presets">
        {snoozePresets().map((preset) => (
          <li key={preset.key}>
            <button type="button" onClick={() => onSnooze(preset.at)}>
              {t(preset.key)} <span className="muted">{formatDateTime(preset.at.toISOString())}</span>
            </button>
          </li>
        ))}
      </ul>
      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault();
          submitCustom();
        }}
      >
        <label className="field">
          <span>{t("snooze.custom")}</span>
          <input type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} required />
        </label>
        <button type="submit" className="primary">
          {t("snooze.submit")}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </Dialog>
  );
}

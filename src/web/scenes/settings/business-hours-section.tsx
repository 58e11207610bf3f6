import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import type { ZCalendar, ZCalendarBody } from "../../../server/routes/calendars.js";
import { api } from "../../api/client.js";
import { keys, useInboxes } from "../../api/queries.js";
import { Dialog } from "../../components/dialog.js";
import { errorText } from "../../i18n/error-text.js";
import { useI18n } from "../../i18n/i18n.js";
import { formatDayHours, formatHolidays, parseDayHours, parseHolidays } from "./calendar-text.js";
import { DialogActions, dialogAutofocus, ErrorMessage, QueryState, SettingsTable } from "./settings-ui.js";

type TCalendar = z.infer<typeof ZCalendar>;
const calendarsKey = ["calendars"] as const;
const DAYS = [1, 2, 3, 4, 5, 6, 7];
/** A Monday: weekday names in the user's language. */
const dayName = (language: string, day: number) =>
  new Intl.DateTimeFormat(language, { weekday: "long" }).format(new Date(Date.UTC(2024, 0, day)));
const zones = (): string[] => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? [];
};

/**
 * Business hours: calendars (a time zone, weekly hours with split and overnight shifts, holidays) and
 * which inbox follows which. An inbox without one is always open. The chat widget says "back at …"
 * outside them; SLAs will count in them.
 */
export function BusinessHoursSection() {
  const { t, language } = useI18n();
  const client = useQueryClient();
  const calendars = useQuery({
    queryKey: calendarsKey,
    queryFn: async () => (await api.get<{ data: TCalendar[] }>("/calendars")).data,
  });
  const inboxes = useInboxes();
  const [editing, setEditing] = useState<TCalendar | "new" | null>(null);
  const follow = useMutation({
    mutationFn: ({ inboxId, calendarId }: { inboxId: string; calendarId: string | null }) =>
      api.put(`/inboxes/${inboxId}/calendar`, { calendarId }),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.inboxes }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/calendars/${id}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: calendarsKey });
      void client.invalidateQueries({ queryKey: keys.inboxes });
    },
  });
  const summary = (calendar: TCalendar) =>
    DAYS.filter((day) => calendar.intervals.some((i) => i.day === day))
      .map((day) => `${dayName(language, day).slice(0, 3)} ${formatDayHours(calendar.intervals, day)}`)
      .join("; ");

  return (
    <>
      <h1>{t("settings.hours.title")}</h1>
      <p className="muted">{t("settings.hours.intro")}</p>
      <p>
        <button type="button" className="primary" onClick={() => setEditing("new")}>
          {t("settings.hours.new")}
        </button>
      </p>
      <QueryState query={calendars}>
        {calendars.data?.length === 0 ? (
          <p className="muted">{t("settings.hours.empty")}</p>
        ) : (
          <SettingsTable
            caption={t("settings.hours.title")}
            columns={[t("settings.hours.name"), t("settings.hours.zone"), t("settings.hours.week")]}
          >
            {calendars.data?.map((calendar) => (
              <tr key={calendar.id}>
                <th scope="row" className="cell-main">
                  {calendar.name}
                </th>
                <td data-label={t("settings.hours.zone")}>{calendar.timeZone}</td>
                <td data-label={t("settings.hours.week")}>{summary(calendar) || "—"}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    aria-label={t("settings.actionFor", { action: t("settings.edit"), name: calendar.name })}
                    onClick={() => setEditing(calendar)}
                  >
                    {t("settings.edit")}
                  </button>
                  <button
                    type="button"
                    aria-label={t("settings.actionFor", {
                      action: t("settings.hours.delete"),
                      name: calendar.name,
                    })}
                    onClick={() => remove.mutate(calendar.id)}
                  >
                    {t("settings.hours.delete")}
                  </button>
                </td>
              </tr>
            ))}
          </SettingsTable>
        )}
      </QueryState>
      <h2>{t("settings.hours.inboxes")}</h2>
      <ErrorMessage error={follow.error ?? remove.error} />
      {/* Each choice saves at once. */}
      <form className="stack" aria-label={t("settings.hours.inboxes")} onSubmit={(e) => e.preventDefault()}>
        <ul className="stack plain-list">
          {inboxes.data?.map((inbox) => (
            <li key={inbox.id}>
              <label className="field">
                <span>{inbox.name}</span>
                <select
                  value={inbox.calendarId ?? ""}
                  onChange={(e) => follow.mutate({ inboxId: inbox.id, calendarId: e.target.value || null })}
                >
                  <option value="">{t("settings.hours.always")}</option>
                  {calendars.data?.map((calendar) => (
                    <option key={calendar.id} value={calendar.id}>
                      {calendar.name}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          ))}
        </ul>
      </form>
      {editing && (
        <CalendarDialog calendar={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

function CalendarDialog({ calendar, onClose }: { calendar: TCalendar | null; onClose: () => void }) {
  const { t, language } = useI18n();
  const client = useQueryClient();
  const [name, setName] = useState(calendar?.name ?? "");
  const [timeZone, setTimeZone] = useState(
    calendar?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  );
  const [days, setDays] = useState(() =>
    DAYS.map((day) => (calendar ? formatDayHours(calendar.intervals, day) : day <= 5 ? "09:00-17:00" : "")),
  );
  const [holidays, setHolidays] = useState(calendar ? formatHolidays(calendar.holidays) : "");
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: z.input<typeof ZCalendarBody>) =>
      calendar
        ? api.put<TCalendar>(`/calendars/${calendar.id}`, body)
        : api.post<TCalendar>("/calendars", body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: calendarsKey });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      const intervals = DAYS.flatMap((day, i) => {
        try {
          return parseDayHours(day, days[i]!);
        } catch (error) {
          throw new Error(
            t("settings.hours.badHours", { day: dayName(language, day), text: (error as Error).message }),
          );
        }
      });
      let parsedHolidays;
      try {
        parsedHolidays = parseHolidays(holidays);
      } catch (error) {
        throw new Error(t("settings.hours.badHoliday", { text: (error as Error).message }));
      }
      save.mutate({ name: name.trim(), timeZone: timeZone.trim(), intervals, holidays: parsedHolidays });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <Dialog title={calendar ? calendar.name : t("settings.hours.new")} onClose={onClose}>
      <form className="stack dialog-body" onSubmit={submit}>
        <label className="field">
          <span>{t("settings.hours.name")}</span>
          <input
            ref={dialogAutofocus}
            value={name}
            required
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("settings.hours.zone")}</span>
          <input list="time-zones" value={timeZone} required onChange={(e) => setTimeZone(e.target.value)} />
          <datalist id="time-zones">
            {zones().map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </label>
        <fieldset className="stack">
          <legend>{t("settings.hours.week")}</legend>
          <p className="muted hint">{t("settings.hours.weekHint")}</p>
          {DAYS.map((day, i) => (
            <label key={day} className="field">
              <span>{dayName(language, day)}</span>
              <input
                value={days[i]}
                placeholder={t("settings.hours.closed")}
                onChange={(e) => setDays(days.map((value, j) => (j === i ? e.target.value : value)))}
              />
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t("settings.hours.holidays")}</span>
          <textarea
            rows={4}
            value={holidays}
            placeholder={"12-25 Christmas\n2026-12-24 Inventory"}
            onChange={(e) => setHolidays(e.target.value)}
          />
        </label>
        <p className="muted hint">{t("settings.hours.holidaysHint")}</p>
        <label className="field">
          <span>{t("settings.hours.import")}</span>
          <input
            type="file"
            accept=".ics,text/calendar"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (!file) return;
              setProblem(null);
              api
                .upload<{ holidays: TCalendar["holidays"] }>("/calendars/holidays/from-ics", file)
                .then(({ holidays: found }) => {
                  // Added below what is there; the agent reviews them before saving.
                  const lines = formatHolidays(found);
                  setHolidays((current) => [current.trim(), lines].filter(Boolean).join("\n"));
                })
                .catch((error: unknown) => setProblem(errorText(error, t)));
            }}
          />
        </label>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <ErrorMessage error={save.error} />
        <DialogActions isPending={save.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

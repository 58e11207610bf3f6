import { useMemo, useState, type FormEvent } from "react";
import { useWorkspace } from "../../api/queries.js";
import type { Language, TWorkspace } from "../../api/types.js";
import { languages, useI18n } from "../../i18n/i18n.js";
import { useUpdateWorkspace } from "./settings-queries.js";
import { ErrorMessage, QueryState } from "./settings-ui.js";

/** The workspace's name, time zone, default language and the jargon its reply coach flags. */
export function WorkspaceSection() {
  const { t } = useI18n();
  const workspace = useWorkspace();
  return (
    <>
      <h1>{t("settings.workspace.title")}</h1>
      <QueryState query={workspace}>
        {workspace.data && <WorkspaceForm workspace={workspace.data} />}
      </QueryState>
    </>
  );
}

/** "Europe/Zagreb (GMT+1)": every zone the browser knows, plus the saved one should it not be listed. */
function useTimeZones(current: string): { value: string; label: string }[] {
  return useMemo(() => {
    const zones = Intl.supportedValuesOf("timeZone");
    const all = [...new Set(["UTC", current, ...zones])];
    return all.map((zone) => {
      let offset = "";
      try {
        const parts = new Intl.DateTimeFormat("en", { timeZone: zone, timeZoneName: "shortOffset" });
        offset = parts.formatToParts(new Date()).find((p) => p.type === "timeZoneName")?.value ?? "";
      } catch {
        // A zone this browser cannot format is still listed, without its offset.
      }
      const name = zone.replaceAll("_", " ");
      return { value: zone, label: offset && offset !== name ? `${name} (${offset})` : name };
    });
  }, [current]);
}

// The form starts from the loaded settings and then keeps what is typed: a refetch (window focus, another
// admin's change) does not overwrite an edit in progress.
function WorkspaceForm({ workspace }: { workspace: TWorkspace }) {
  const { t } = useI18n();
  const update = useUpdateWorkspace();
  const [name, setName] = useState(workspace.name);
  const [timeZone, setTimeZone] = useState(workspace.timeZone);
  const [defaultLanguage, setDefaultLanguage] = useState<Language>(workspace.defaultLanguage);
  const [jargon, setJargon] = useState(workspace.coachJargon.join("\n"));
  const [isSaved, setIsSaved] = useState(false);
  const zones = useTimeZones(workspace.timeZone);
  const canUpdate = workspace.abilities.update;

  const edited = () => setIsSaved(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const coachJargon = [
      ...new Set(
        jargon
          .split("\n")
          .map((term) => term.trim())
          .filter(Boolean),
      ),
    ];
    update.mutate({ name, timeZone, defaultLanguage, coachJargon }, { onSuccess: () => setIsSaved(true) });
  };

  return (
    <form className="stack settings-form" onSubmit={submit}>
      {!canUpdate && <p className="settings-notice">{t("settings.workspace.readOnly")}</p>}
      <fieldset className="plain-fieldset stack" disabled={!canUpdate}>
        <label className="field">
          <span>{t("settings.workspace.name")}</span>
          <input
            value={name}
            required
            maxLength={200}
            onChange={(e) => {
              setName(e.target.value);
              edited();
            }}
          />
        </label>
        <label className="field">
          <span>{t("settings.workspace.timeZone")}</span>
          <select
            value={timeZone}
            aria-describedby="time-zone-hint"
            onChange={(e) => {
              setTimeZone(e.target.value);
              edited();
            }}
          >
            {zones.map((zone) => (
              <option key={zone.value} value={zone.value}>
                {zone.label}
              </option>
            ))}
          </select>
          <small id="time-zone-hint" className="muted">
            {t("settings.workspace.timeZoneHint")}
          </small>
        </label>
        <label className="field">
          <span>{t("settings.workspace.language")}</span>
          <select
            value={defaultLanguage}
            aria-describedby="language-hint"
            onChange={(e) => {
              setDefaultLanguage(e.target.value as Language);
              edited();
            }}
          >
            {languages.map((language) => (
              <option key={language.code} value={language.code} lang={language.code}>
                {language.name}
              </option>
            ))}
          </select>
          <small id="language-hint" className="muted">
            {t("settings.workspace.languageHint")}
          </small>
        </label>
        <label className="field">
          <span>{t("settings.workspace.coachJargon")}</span>
          <textarea
            value={jargon}
            rows={4}
            aria-describedby="coach-jargon-hint"
            onChange={(e) => {
              setJargon(e.target.value);
              edited();
            }}
          />
          <small id="coach-jargon-hint" className="muted">
            {t("settings.workspace.coachJargonHint")}
          </small>
        </label>
        <ErrorMessage error={update.error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={update.isPending}>
            {t("common.save")}
          </button>
          <span role="status" className="saved">
            {isSaved ? t("settings.saved") : ""}
          </span>
        </div>
      </fieldset>
    </form>
  );
}

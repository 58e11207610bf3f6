import { useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client.js";
import { keys } from "../api/queries.js";
import type { Language, TUser } from "../api/types.js";
import { languages, useI18n } from "../i18n/i18n.js";

/**
 * Chooses the UI language. For a signed-in user the choice is also saved on their profile, so it follows
 * them to other devices (and emails to them use it); failing to save keeps the switch on this device.
 */
export function LanguageSwitch({ user }: { user?: TUser }) {
  const { t, language, setLanguage } = useI18n();
  const client = useQueryClient();
  const change = async (next: Language) => {
    await setLanguage(next);
    if (user && user.language !== next) {
      try {
        const saved = await api.patch<TUser>(`/users/${user.id}`, { language: next });
        client.setQueryData(keys.session, { ...user, language: saved.language });
      } catch {
        // The device keeps the choice; the profile keeps the old one until the next successful switch.
      }
    }
  };
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t("language.label")}</span>
      <select value={language} onChange={(e) => void change(e.target.value as Language)}>
        {languages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}

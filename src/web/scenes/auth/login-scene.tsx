import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/client.js";
import { keys, signIn } from "../../api/queries.js";
import { LanguageSwitch } from "../../components/language-switch.js";
import { useI18n } from "../../i18n/i18n.js";
import { useTitle } from "../../router.js";
import { errorText } from "../../i18n/error-text.js";

/** Sign-in with email and password; the server's message (wrong password, too many tries) is shown. */
export function LoginScene() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(t("login.title"));
  // A new install has nobody to sign in as: point to the setup link instead of a form that cannot work.
  const setup = useQuery({
    queryKey: ["setup"],
    queryFn: () => api.get<{ needsSetup: boolean }>("/setup"),
    staleTime: Infinity,
  });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const { user } = await signIn(String(form.get("email")), String(form.get("password")));
      client.setQueryData(keys.session, user);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401 ? t("login.wrong") : errorText(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="center-page">
      <div className="auth-card">
        <h1 className="brand">Heed</h1>
        <h2>{t("login.title")}</h2>
        {setup.data?.needsSetup && (
          <p className="notice" role="status">
            {t("login.needsSetup")}
          </p>
        )}
        <form onSubmit={(e) => void submit(e)} className="stack">
          <label className="field">
            <span>{t("login.email")}</span>
            <input name="email" type="email" autoComplete="username" required autoFocus />
          </label>
          <label className="field">
            <span>{t("login.password")}</span>
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t("login.submit")}
          </button>
        </form>
        <LanguageSwitch />
      </div>
    </main>
  );
}

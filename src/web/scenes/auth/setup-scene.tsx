import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client.js";
import { keys } from "../../api/queries.js";
import type { TUser } from "../../api/types.js";
import { FieldErrors, useFormError } from "../../components/form-error.js";
import { LanguageSwitch } from "../../components/language-switch.js";
import { useI18n } from "../../i18n/i18n.js";
import { navigate, useLocation, useTitle } from "../../router.js";

/** First run: the one-time link printed at start creates the workspace and its owner. */
export function SetupScene() {
  const { t, language } = useI18n();
  const { query } = useLocation();
  const client = useQueryClient();
  const { error, details, capture, clear } = useFormError();
  const [busy, setBusy] = useState(false);
  useTitle(t("setup.title"));
  const token = query.get("token") ?? "";

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    clear();
    try {
      const { user } = await api.post<{ user: TUser }>("/setup", {
        token,
        workspaceName: form.get("workspaceName"),
        name: form.get("name"),
        email: form.get("email"),
        password: form.get("password"),
        language,
      });
      client.setQueryData(keys.session, user);
      navigate("/inbox/mine", { replace: true });
    } catch (caught) {
      capture(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="center-page">
      <div className="auth-card">
        <h1 className="brand">Heed</h1>
        <h2>{t("setup.title")}</h2>
        <p>{t("setup.intro")}</p>
        {!token && (
          <p role="alert" className="error">
            {t("setup.noToken")}
          </p>
        )}
        <form onSubmit={(e) => void submit(e)} className="stack">
          <label className="field">
            <span>{t("setup.workspaceName")}</span>
            <input name="workspaceName" required maxLength={200} autoFocus />
          </label>
          <label className="field">
            <span>{t("setup.name")}</span>
            <input name="name" required maxLength={200} autoComplete="name" />
          </label>
          <label className="field">
            <span>{t("login.email")}</span>
            <input name="email" type="email" required autoComplete="username" />
          </label>
          <label className="field">
            <span>{t("setup.password")}</span>
            <input name="password" type="password" required minLength={8} autoComplete="new-password" />
          </label>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <FieldErrors details={details} />
          <button type="submit" className="primary" disabled={busy || !token}>
            {t("setup.submit")}
          </button>
        </form>
        <LanguageSwitch />
      </div>
    </main>
  );
}

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, qs } from "../../api/client.js";
import { keys } from "../../api/queries.js";
import type { TInvitationLookup, TUser } from "../../api/types.js";
import { FieldErrors, useFormError } from "../../components/form-error.js";
import { LanguageSwitch } from "../../components/language-switch.js";
import { useI18n } from "../../i18n/i18n.js";
import { navigate, useLocation, useTitle } from "../../router.js";

/** An invited agent chooses a name and password; the link works once and expires. */
export function AcceptInvitationScene() {
  const { t, language, formatDateTime } = useI18n();
  const { query } = useLocation();
  const client = useQueryClient();
  const token = query.get("token") ?? "";
  const { error, details, capture, clear } = useFormError();
  const [busy, setBusy] = useState(false);
  useTitle(t("invite.title"));
  const lookup = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => api.get<TInvitationLookup>(`/invitations/lookup${qs({ token })}`),
    enabled: Boolean(token),
    retry: false,
  });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    clear();
    try {
      const { user } = await api.post<{ user: TUser }>("/invitations/accept", {
        token,
        name: form.get("name"),
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

  const invitation = lookup.data;
  return (
    <main className="center-page">
      <div className="auth-card">
        <h1 className="brand">Heed</h1>
        <h2>{t("invite.title")}</h2>
        {!token || lookup.isError ? (
          <p role="alert" className="error">
            {t("invite.invalid")}
          </p>
        ) : !invitation ? (
          <p>{t("common.loading")}</p>
        ) : (
          <>
            <p>
              {t("invite.intro", {
                workspace: invitation.workspaceName,
                email: invitation.email,
                role: t(`role.${invitation.role}`),
              })}
            </p>
            <p className="muted">{t("invite.expires", { at: formatDateTime(invitation.expiresAt) })}</p>
            <form onSubmit={(e) => void submit(e)} className="stack">
              <label className="field">
                <span>{t("setup.name")}</span>
                <input
                  name="name"
                  required
                  maxLength={200}
                  autoComplete="name"
                  defaultValue={invitation.name ?? ""}
                />
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
              <button type="submit" className="primary" disabled={busy}>
                {t("invite.submit")}
              </button>
            </form>
          </>
        )}
        <LanguageSwitch />
      </div>
    </main>
  );
}

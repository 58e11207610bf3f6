import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import type { z } from "zod";
import type { ZChatSettings, ZChatSettingsBody } from "../../../server/routes/inbox-chat.js";
import { api } from "../../api/client.js";
import type { TInbox } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { DialogActions, dialogAutofocus, ErrorMessage } from "./settings-ui.js";

type TChatSettings = z.infer<typeof ZChatSettings>;
type Ask = TChatSettings["askName"];
const asks: Ask[] = ["off", "optional", "required"];
const chatKey = (id: string) => ["inboxes", id, "chat"] as const;

/**
 * A chat inbox's widget: the code to paste into the shop's pages, which sites may embed it (one per
 * line; none: any), the pre-chat fields, and the identity secret for vouching for logged-in customers
 * (a new one is shown once).
 */
export function ChatDialog({ inbox, onClose }: { inbox: TInbox; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: chatKey(inbox.id),
    queryFn: () => api.get<TChatSettings>(`/inboxes/${inbox.id}/chat`),
  });
  const save = useMutation({
    mutationFn: (body: z.infer<typeof ZChatSettingsBody>) =>
      api.put<TChatSettings>(`/inboxes/${inbox.id}/chat`, body),
    onSuccess: (saved) => {
      client.setQueryData(chatKey(inbox.id), saved);
      onClose();
    },
  });
  const renew = useMutation({
    mutationFn: () => api.post<{ identitySecret: string }>(`/inboxes/${inbox.id}/chat/identity-secret`),
    onSuccess: () => void client.invalidateQueries({ queryKey: chatKey(inbox.id) }),
  });
  const [origins, setOrigins] = useState("");
  const [askName, setAskName] = useState<Ask>("optional");
  const [askEmail, setAskEmail] = useState<Ask>("optional");
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!settings.data) return;
    setOrigins(settings.data.allowedOrigins.join("\n"));
    setAskName(settings.data.askName);
    setAskEmail(settings.data.askEmail);
  }, [settings.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const allowedOrigins = origins
      .split(/\s+/)
      .map((line) => line.trim())
      .filter(Boolean);
    save.mutate({ allowedOrigins, askName, askEmail });
  };
  const copy = async () => {
    if (!settings.data) return;
    await navigator.clipboard?.writeText(settings.data.embedCode).catch(() => {});
    setCopied(true);
  };

  return (
    <Dialog title={t("settings.chat.title", { name: inbox.name })} onClose={onClose}>
      <form className="stack dialog-body" onSubmit={submit}>
        <ErrorMessage error={settings.error} />
        <label className="field">
          <span>{t("settings.chat.embed")}</span>
          <textarea
            ref={dialogAutofocus}
            readOnly
            rows={3}
            className="code"
            value={settings.data?.embedCode ?? ""}
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
        <p className="muted hint">
          <button type="button" onClick={() => void copy()} disabled={!settings.data}>
            {t("settings.chat.copy")}
          </button>{" "}
          <span aria-live="polite">{copied ? t("settings.chat.copied") : t("settings.chat.embedHint")}</span>
        </p>
        <label className="field">
          <span>{t("settings.chat.origins")}</span>
          <textarea
            rows={3}
            value={origins}
            placeholder="https://shop.example"
            onChange={(e) => setOrigins(e.target.value)}
          />
        </label>
        <p className="muted hint">{t("settings.chat.originsHint")}</p>
        {(
          [
            ["name", askName, setAskName],
            ["email", askEmail, setAskEmail],
          ] as const
        ).map(([field, value, set]) => (
          <label key={field} className="field">
            <span>{t(`settings.chat.ask.${field}`)}</span>
            <select value={value} onChange={(e) => set(e.target.value as Ask)}>
              {asks.map((ask) => (
                <option key={ask} value={ask}>
                  {t(`settings.chat.ask.${ask}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
        <fieldset className="stack">
          <legend>{t("settings.chat.identity")}</legend>
          <p className="muted hint">{t("settings.chat.identityHint")}</p>
          {renew.data ? (
            <p role="status">
              {t("settings.chat.identityNew")} <code>{renew.data.identitySecret}</code>
            </p>
          ) : (
            <p>
              <button type="button" onClick={() => renew.mutate()} disabled={renew.isPending}>
                {settings.data?.hasIdentitySecret
                  ? t("settings.chat.identityRenew")
                  : t("settings.chat.identityCreate")}
              </button>
            </p>
          )}
          <ErrorMessage error={renew.error} />
        </fieldset>
        <ErrorMessage error={save.error} />
        <DialogActions isPending={save.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

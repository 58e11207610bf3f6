import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { z } from "zod";
import type { TSlaAlerts } from "../../../server/presenters/sla-alerts-presenter.js";
import type { ZSlaAlertsBody } from "../../../server/routes/sla-alerts.js";
import { api } from "../../api/client.js";
import { useI18n } from "../../i18n/i18n.js";
import { ErrorMessage, QueryState } from "./settings-ui.js";

const alertsKey = ["sla-alerts"] as const;

/**
 * SLA alerts beyond the app: mail to a conversation's owner and to more addresses, and a signed webhook
 * to the shop's own systems, for warnings, breaches or both. The signing secret is shown once, when it is
 * made; the newest deliveries show whether the shop's endpoint takes them.
 */
export function SlaAlertsForm() {
  const { t } = useI18n();
  const alerts = useQuery({ queryKey: alertsKey, queryFn: () => api.get<TSlaAlerts>("/sla-alerts") });
  return (
    <section aria-labelledby="sla-alerts-title" className="settings-subsection stack">
      <h2 id="sla-alerts-title">{t("settings.slaAlerts.title")}</h2>
      <p className="muted">{t("settings.slaAlerts.intro")}</p>
      <QueryState query={alerts}>
        {alerts.data && (
          <>
            <AlertsSettings alerts={alerts.data} />
            <SigningSecret
              hasSecret={alerts.data.hasWebhookSecret}
              hasUrl={alerts.data.webhookUrl !== null}
            />
            <Deliveries deliveries={alerts.data.deliveries} />
          </>
        )}
      </QueryState>
    </section>
  );
}

// The form starts from the loaded settings and then keeps what is typed: a refetch does not overwrite an
// edit in progress.
function AlertsSettings({ alerts }: { alerts: TSlaAlerts }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [onWarning, setOnWarning] = useState(alerts.onWarning);
  const [onBreach, setOnBreach] = useState(alerts.onBreach);
  const [emailAssignee, setEmailAssignee] = useState(alerts.emailAssignee);
  const [emails, setEmails] = useState(alerts.emails.join("\n"));
  const [webhookUrl, setWebhookUrl] = useState(alerts.webhookUrl ?? "");
  const [isSaved, setIsSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: z.input<typeof ZSlaAlertsBody>) => api.put<TSlaAlerts>("/sla-alerts", body),
    onSuccess: (saved) => {
      client.setQueryData(alertsKey, saved);
      setIsSaved(true);
    },
  });
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setIsSaved(false);
    };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      onWarning,
      onBreach,
      emailAssignee,
      emails: emails
        .split(/[\s,;]+/)
        .map((address) => address.trim())
        .filter(Boolean),
      webhookUrl: webhookUrl.trim() || null,
    });
  };

  return (
    <form className="stack settings-form" onSubmit={submit}>
      <fieldset className="plain-fieldset stack-tight">
        <legend>{t("settings.slaAlerts.when")}</legend>
        <label className="check-field">
          <input
            type="checkbox"
            checked={onWarning}
            onChange={(e) => edited(setOnWarning)(e.target.checked)}
          />
          <span>{t("settings.slaAlerts.onWarning")}</span>
        </label>
        <label className="check-field">
          <input type="checkbox" checked={onBreach} onChange={(e) => edited(setOnBreach)(e.target.checked)} />
          <span>{t("settings.slaAlerts.onBreach")}</span>
        </label>
      </fieldset>
      <label className="check-field">
        <input
          type="checkbox"
          checked={emailAssignee}
          onChange={(e) => edited(setEmailAssignee)(e.target.checked)}
        />
        <span>{t("settings.slaAlerts.emailAssignee")}</span>
      </label>
      <label className="field">
        <span>{t("settings.slaAlerts.emails")}</span>
        <textarea
          rows={3}
          value={emails}
          placeholder="lead@shop.example"
          aria-describedby="sla-alerts-emails-hint"
          onChange={(e) => edited(setEmails)(e.target.value)}
        />
        <small id="sla-alerts-emails-hint" className="muted">
          {t("settings.slaAlerts.emailsHint")}
        </small>
      </label>
      <label className="field">
        <span>{t("settings.slaAlerts.webhookUrl")}</span>
        <input
          type="url"
          value={webhookUrl}
          placeholder="https://shop.example/heed-webhook"
          aria-describedby="sla-alerts-url-hint"
          onChange={(e) => edited(setWebhookUrl)(e.target.value)}
        />
        <small id="sla-alerts-url-hint" className="muted">
          {t("settings.slaAlerts.webhookUrlHint")}
        </small>
      </label>
      <ErrorMessage error={save.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t("common.save")}
        </button>
        <span role="status" className="saved">
          {isSaved ? t("settings.saved") : ""}
        </span>
      </div>
    </form>
  );
}

/** Makes a new signing secret and shows it this once, ready to copy. */
function SigningSecret({ hasSecret, hasUrl }: { hasSecret: boolean; hasUrl: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const renew = useMutation({
    mutationFn: () => api.post<{ secret: string }>("/sla-alerts/webhook-secret"),
    onSuccess: () => {
      setCopied(null);
      void client.invalidateQueries({ queryKey: alertsKey });
    },
  });
  const secret = renew.data?.secret;
  useEffect(() => {
    if (secret) input.current?.focus();
  }, [secret]);
  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      // No clipboard API (plain http on another host): select it so Ctrl+C copies it.
      input.current?.select();
      setCopied(document.execCommand("copy") ? "yes" : "no");
    }
  };

  return (
    <fieldset className="stack settings-form">
      <legend>{t("settings.slaAlerts.secret")}</legend>
      <p className="muted hint">{t("settings.slaAlerts.secretHint")}</p>
      {hasUrl && !hasSecret && !secret && (
        <p className="settings-notice">{t("settings.slaAlerts.secretMissing")}</p>
      )}
      {secret && (
        <>
          <p role="status">{t("settings.slaAlerts.secretNew")}</p>
          <div className="copy-row">
            <label className="field">
              <span>{t("settings.slaAlerts.secretLabel")}</span>
              <input
                ref={input}
                readOnly
                className="code"
                value={secret}
                onFocus={(e) => e.target.select()}
              />
            </label>
            <button type="button" onClick={() => void copy()}>
              {t("settings.slaAlerts.copy")}
            </button>
          </div>
          <p role="status" className={copied === "no" ? "error" : "saved"}>
            {copied === "yes"
              ? t("settings.slaAlerts.copied")
              : copied === "no"
                ? t("settings.slaAlerts.copyFailed")
                : ""}
          </p>
        </>
      )}
      <p>
        <button type="button" onClick={() => renew.mutate()} disabled={renew.isPending}>
          {hasSecret || secret ? t("settings.slaAlerts.secretRenew") : t("settings.slaAlerts.secretCreate")}
        </button>
      </p>
      <ErrorMessage error={renew.error} />
    </fieldset>
  );
}

/** The newest webhook deliveries: what was sent, what waits for another try, and what failed and why. */
function Deliveries({ deliveries }: { deliveries: TSlaAlerts["deliveries"] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section aria-labelledby="sla-deliveries-title" className="stack">
      <h3 id="sla-deliveries-title">{t("settings.slaAlerts.deliveries")}</h3>
      {deliveries.length === 0 ? (
        <p className="muted">{t("settings.slaAlerts.noDeliveries")}</p>
      ) : (
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">{t("settings.slaAlerts.column.created")}</th>
              <th scope="col">{t("settings.slaAlerts.column.event")}</th>
              <th scope="col">{t("settings.slaAlerts.column.status")}</th>
              <th scope="col">{t("settings.slaAlerts.column.attempts")}</th>
              <th scope="col">{t("settings.slaAlerts.column.error")}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id}>
                <th scope="row" className="cell-main">
                  {formatDateTime(delivery.createdAt)}
                </th>
                <td data-label={t("settings.slaAlerts.column.event")}>
                  {t(
                    delivery.eventType === "sla.warning"
                      ? "settings.slaAlerts.event.warning"
                      : "settings.slaAlerts.event.breached",
                  )}
                </td>
                <td data-label={t("settings.slaAlerts.column.status")}>
                  {t(`settings.slaAlerts.status.${delivery.status}`)}
                  {delivery.status === "queued" && delivery.attempts > 0 && (
                    <span className="muted">
                      {" "}
                      {t("settings.slaAlerts.nextAttempt", { at: formatDateTime(delivery.nextAttemptAt) })}
                    </span>
                  )}
                </td>
                <td data-label={t("settings.slaAlerts.column.attempts")}>{delivery.attempts}</td>
                <td data-label={t("settings.slaAlerts.column.error")}>
                  {delivery.lastError ? <code>{delivery.lastError}</code> : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

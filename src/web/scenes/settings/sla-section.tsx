import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import type { ZSlaPolicyBody } from "../../../server/routes/sla.js";
import { api } from "../../api/client.js";
import { useInboxes, useTags } from "../../api/queries.js";
import type { TSlaPolicy } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import {
  ConfirmDialog,
  DialogActions,
  dialogAutofocus,
  ErrorMessage,
  QueryState,
  SettingsTable,
} from "./settings-ui.js";
import { SlaAlertsForm } from "./sla-alerts-form.js";

const policiesKey = ["sla-policies"] as const;
const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
const TARGETS = ["firstResponseSeconds", "nextResponseSeconds", "resolutionSeconds"] as const;
type Target = (typeof TARGETS)[number];

/** A target as a number and a unit, the way people say it ("30 minutes", "8 hours"). */
function splitSeconds(seconds: number | null): { amount: string; unit: "minutes" | "hours" } {
  if (seconds === null) return { amount: "", unit: "hours" };
  return seconds % 3600 === 0
    ? { amount: String(seconds / 3600), unit: "hours" }
    : { amount: String(Math.round(seconds / 60)), unit: "minutes" };
}

/**
 * SLA policies: targets for first response, next response and resolution, counted in each inbox's
 * business hours. Policies are tried top to bottom; the first enabled one whose conditions all hold
 * applies. The order is changed with the arrow buttons.
 */
export function SlaSection() {
  const { t, formatDuration } = useI18n();
  const client = useQueryClient();
  const policies = useQuery({
    queryKey: policiesKey,
    queryFn: async () => (await api.get<{ data: TSlaPolicy[] }>("/sla-policies")).data,
  });
  const [editing, setEditing] = useState<TSlaPolicy | "new" | null>(null);
  const [deleting, setDeleting] = useState<TSlaPolicy | null>(null);
  const done = () => void client.invalidateQueries({ queryKey: policiesKey });
  const reorder = useMutation({
    mutationFn: (ids: string[]) => api.put("/sla-policies/order", { ids }),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/sla-policies/${id}`),
    onSuccess: () => {
      done();
      setDeleting(null);
    },
  });
  const list = policies.data ?? [];
  const move = (index: number, by: number) => {
    const ids = list.map((p) => p.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate(ids);
  };
  const targets = (policy: TSlaPolicy) =>
    TARGETS.filter((key) => policy[key] !== null)
      .map((key) => `${t(`settings.sla.short.${key}`)} ${formatDuration(policy[key]! * 1000)}`)
      .join(" · ");

  return (
    <>
      <h1>{t("settings.sla.title")}</h1>
      <p className="muted">{t("settings.sla.intro")}</p>
      <p>
        <button type="button" className="primary" onClick={() => setEditing("new")}>
          {t("settings.sla.new")}
        </button>
      </p>
      <ErrorMessage error={reorder.error} />
      <QueryState query={policies}>
        {list.length === 0 ? (
          <p className="muted">{t("settings.sla.empty")}</p>
        ) : (
          <SettingsTable
            caption={t("settings.sla.title")}
            columns={[t("settings.sla.name"), t("settings.sla.appliesTo"), t("settings.sla.targets")]}
          >
            {list.map((policy, index) => (
              <tr key={policy.id}>
                <th scope="row" className="cell-main">
                  {policy.name}
                  {!policy.isEnabled && <span className="muted"> ({t("settings.sla.off")})</span>}
                </th>
                <td data-label={t("settings.sla.appliesTo")}>
                  <Conditions policy={policy} />
                </td>
                <td data-label={t("settings.sla.targets")}>{targets(policy)}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    disabled={index === 0 || reorder.isPending}
                    aria-label={t("settings.sla.up", { name: policy.name })}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={index === list.length - 1 || reorder.isPending}
                    aria-label={t("settings.sla.down", { name: policy.name })}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    aria-label={t("settings.actionFor", { action: t("settings.edit"), name: policy.name })}
                    onClick={() => setEditing(policy)}
                  >
                    {t("settings.edit")}
                  </button>
                  <button
                    type="button"
                    aria-label={t("settings.actionFor", {
                      action: t("settings.sla.delete"),
                      name: policy.name,
                    })}
                    onClick={() => setDeleting(policy)}
                  >
                    {t("settings.sla.delete")}
                  </button>
                </td>
              </tr>
            ))}
          </SettingsTable>
        )}
      </QueryState>
      <SlaAlertsForm />
      {editing && (
        <PolicyDialog policy={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      )}
      {deleting && (
        <ConfirmDialog
          title={t("settings.sla.deleteTitle", { name: deleting.name })}
          message={t("settings.sla.deleteMessage")}
          confirmLabel={t("settings.sla.delete")}
          isPending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(deleting.id)}
          onClose={() => setDeleting(null)}
        />
      )}
    </>
  );
}

/** "Urgent, high · Shop email · #vip", or "Every conversation". */
function Conditions({ policy }: { policy: TSlaPolicy }) {
  const { t } = useI18n();
  const inboxes = useInboxes();
  const tags = useTags();
  const parts = [
    policy.priorities.map((p) => t(`priority.${p}`)).join(", "),
    policy.inboxIds.map((id) => inboxes.data?.find((i) => i.id === id)?.name ?? "…").join(", "),
    policy.tagIds.map((id) => `#${tags.data?.find((tag) => tag.id === id)?.name ?? "…"}`).join(", "),
  ].filter(Boolean);
  return <>{parts.length ? parts.join(" · ") : t("settings.sla.everything")}</>;
}

function PolicyDialog({ policy, onClose }: { policy: TSlaPolicy | null; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const inboxes = useInboxes();
  const tags = useTags();
  const [name, setName] = useState(policy?.name ?? "");
  const [isEnabled, setEnabled] = useState(policy?.isEnabled ?? true);
  const [priorities, setPriorities] = useState<string[]>(policy?.priorities ?? []);
  const [inboxIds, setInboxIds] = useState<string[]>(policy?.inboxIds ?? []);
  const [tagIds, setTagIds] = useState<string[]>(policy?.tagIds ?? []);
  const [warnPercent, setWarnPercent] = useState(String(policy?.warnPercent ?? 80));
  const [targets, setTargets] = useState(
    () =>
      Object.fromEntries(TARGETS.map((key) => [key, splitSeconds(policy?.[key] ?? null)])) as Record<
        Target,
        ReturnType<typeof splitSeconds>
      >,
  );
  const save = useMutation({
    mutationFn: (body: z.input<typeof ZSlaPolicyBody>) =>
      policy ? api.put(`/sla-policies/${policy.id}`, body) : api.post("/sla-policies", body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: policiesKey });
      onClose();
    },
  });
  const toggle = (list: string[], set: (next: string[]) => void, value: string, on: boolean) =>
    set(on ? [...list, value] : list.filter((item) => item !== value));
  const secondsOf = (key: Target) => {
    const { amount, unit } = targets[key];
    const value = Number(amount.replace(",", "."));
    return amount.trim() && value > 0 ? Math.round(value * (unit === "hours" ? 3600 : 60)) : null;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      name: name.trim(),
      isEnabled,
      priorities: priorities as (typeof PRIORITIES)[number][],
      inboxIds,
      tagIds,
      firstResponseSeconds: secondsOf("firstResponseSeconds"),
      nextResponseSeconds: secondsOf("nextResponseSeconds"),
      resolutionSeconds: secondsOf("resolutionSeconds"),
      warnPercent: Number(warnPercent),
    });
  };
  const checks = (
    legend: string,
    options: { value: string; label: string }[],
    list: string[],
    set: (next: string[]) => void,
  ) => (
    <fieldset className="stack">
      <legend>{legend}</legend>
      {options.length === 0 && <p className="muted hint">{t("settings.sla.none")}</p>}
      {options.map((option) => (
        <label key={option.value} className="check-field">
          <input
            type="checkbox"
            checked={list.includes(option.value)}
            onChange={(e) => toggle(list, set, option.value, e.target.checked)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );

  return (
    <Dialog title={policy ? policy.name : t("settings.sla.new")} onClose={onClose}>
      <form className="stack dialog-body" onSubmit={submit}>
        <label className="field">
          <span>{t("settings.sla.name")}</span>
          <input
            ref={dialogAutofocus}
            value={name}
            required
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="check-field">
          <input type="checkbox" checked={isEnabled} onChange={(e) => setEnabled(e.target.checked)} />
          <span>{t("settings.sla.enabled")}</span>
        </label>
        <fieldset className="stack">
          <legend>{t("settings.sla.targets")}</legend>
          <p className="muted hint">{t("settings.sla.targetsHint")}</p>
          {TARGETS.map((key) => (
            <div key={key} className="target-field">
              <label className="field">
                <span>{t(`settings.sla.target.${key}`)}</span>
                <input
                  inputMode="decimal"
                  value={targets[key].amount}
                  placeholder={t("settings.sla.noTarget")}
                  onChange={(e) =>
                    setTargets({ ...targets, [key]: { ...targets[key], amount: e.target.value } })
                  }
                />
              </label>
              <label className="field">
                <span className="visually-hidden">{t("settings.sla.unit")}</span>
                <select
                  value={targets[key].unit}
                  onChange={(e) =>
                    setTargets({
                      ...targets,
                      [key]: { ...targets[key], unit: e.target.value as "minutes" | "hours" },
                    })
                  }
                >
                  <option value="minutes">{t("settings.sla.minutes")}</option>
                  <option value="hours">{t("settings.sla.hours")}</option>
                </select>
              </label>
            </div>
          ))}
          <label className="field">
            <span>{t("settings.sla.warnPercent")}</span>
            <input
              type="number"
              min={1}
              max={99}
              value={warnPercent}
              onChange={(e) => setWarnPercent(e.target.value)}
            />
          </label>
        </fieldset>
        <p className="muted hint">{t("settings.sla.conditionsHint")}</p>
        {checks(
          t("settings.sla.priorities"),
          PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) })),
          priorities,
          setPriorities,
        )}
        {checks(
          t("settings.sla.inboxes"),
          (inboxes.data ?? []).map((inbox) => ({ value: inbox.id, label: inbox.name })),
          inboxIds,
          setInboxIds,
        )}
        {checks(
          t("settings.sla.tags"),
          (tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name })),
          tagIds,
          setTagIds,
        )}
        <ErrorMessage error={save.error} />
        <DialogActions isPending={save.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

import { useState, type FormEvent } from "react";
import type { Channel } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { useCreateInbox } from "./settings-queries.js";
import { ErrorMessage } from "./settings-ui.js";

const channels: Channel[] = ["email", "chat", "phone", "api"];
export const accesses = ["all", "members"] as const;
export type Access = (typeof accesses)[number];

/** A new inbox: an email one needs the address its mail arrives at; a chat one gets its widget key. */
export function CreateInboxForm() {
  const { t } = useI18n();
  const create = useCreateInbox();
  const [name, setName] = useState("");
  const [channel, setChannel] = useState<Channel>("email");
  const [address, setAddress] = useState("");
  const [access, setAccess] = useState<Access>("all");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), channel, access, ...(channel === "email" ? { address: address.trim() } : {}) },
      {
        onSuccess: () => {
          setName("");
          setAddress("");
        },
      },
    );
  };

  return (
    <form className="create-form" onSubmit={submit} aria-labelledby="create-inbox-title">
      <h2 id="create-inbox-title">{t("settings.inboxes.create")}</h2>
      <div className="row-form">
        <label className="field">
          <span>{t("settings.inboxes.name")}</span>
          <input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t("settings.inboxes.channel")}</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {channels.map((value) => (
              <option key={value} value={value}>
                {t(`channel.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {channel === "email" && (
          <label className="field">
            <span>{t("settings.inboxes.address")}</span>
            <input
              type="email"
              value={address}
              required
              maxLength={320}
              placeholder="support@example.com"
              onChange={(e) => setAddress(e.target.value)}
            />
          </label>
        )}
        <label className="field">
          <span>{t("settings.inboxes.access")}</span>
          <select value={access} onChange={(e) => setAccess(e.target.value as Access)}>
            {accesses.map((value) => (
              <option key={value} value={value}>
                {t(`settings.inboxes.access.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t("settings.create")}
        </button>
      </div>
      <p className="muted hint">{t(`settings.inboxes.channelHint.${channel}`)}</p>
      <ErrorMessage error={create.error} />
    </form>
  );
}

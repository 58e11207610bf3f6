import { useState, type FormEvent } from "react";
import { useCapacity, useSetCapacity, type TCapacity } from "../../api/assignment-queries.js";
import type { Channel, TManagedUser } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { DialogActions, dialogAutofocus, ErrorMessage, QueryState } from "./settings-ui.js";
import "./assignment.css";

const channels: Channel[] = ["email", "chat", "phone", "api"];
/** The server's largest limit. */
const LIMIT_MAX = 1000;

/**
 * How many open or pending conversations of each channel the rule may give an agent: a number, 0 for none
 * automatically, or empty for no limit. Manual assignment is not bound by it. Saving replaces every channel.
 */
export function CapacityDialog({ user, onClose }: { user: TManagedUser; onClose: () => void }) {
  const { t } = useI18n();
  const capacity = useCapacity(user.id);
  return (
    <Dialog title={t("settings.capacity.title", { name: user.name })} onClose={onClose}>
      <QueryState query={capacity}>
        {capacity.data && <CapacityForm capacity={capacity.data} onClose={onClose} />}
      </QueryState>
    </Dialog>
  );
}

function CapacityForm({ capacity, onClose }: { capacity: TCapacity; onClose: () => void }) {
  const { t } = useI18n();
  const save = useSetCapacity(capacity.userId);
  const [limits, setLimits] = useState<Record<Channel, string>>(() => ({
    email: String(capacity.email ?? ""),
    chat: String(capacity.chat ?? ""),
    phone: String(capacity.phone ?? ""),
    api: String(capacity.api ?? ""),
  }));
  const canEdit = capacity.abilities.update;
  const limitOf = (text: string) => (text.trim() === "" ? null : Number(text));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        email: limitOf(limits.email),
        chat: limitOf(limits.chat),
        phone: limitOf(limits.phone),
        api: limitOf(limits.api),
      },
      { onSuccess: onClose },
    );
  };

  return (
    <form className="stack dialog-body" onSubmit={submit}>
      <p className="muted">{t("settings.capacity.intro")}</p>
      <fieldset className="plain-fieldset" disabled={!canEdit}>
        <legend>{t("settings.capacity.legend")}</legend>
        <div className="capacity-fields">
          {channels.map((channel, i) => (
            <label key={channel} className="field">
              <span>{t(`channel.${channel}`)}</span>
              <input
                ref={i === 0 ? dialogAutofocus : undefined}
                type="number"
                inputMode="numeric"
                min={0}
                max={LIMIT_MAX}
                step={1}
                placeholder={t("settings.capacity.noLimit")}
                value={limits[channel]}
                onChange={(e) => setLimits((before) => ({ ...before, [channel]: e.target.value }))}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorMessage error={save.error} />
      {canEdit ? (
        <DialogActions isPending={save.isPending} onCancel={onClose} />
      ) : (
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t("common.close")}
          </button>
        </div>
      )}
    </form>
  );
}

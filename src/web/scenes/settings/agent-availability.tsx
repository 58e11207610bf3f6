import { availabilities, useSetAvailability, type Availability } from "../../api/assignment-queries.js";
import type { TManagedUser, TUser } from "../../api/types.js";
import { AvailabilityDot } from "../../components/availability-switch.js";
import { useI18n } from "../../i18n/i18n.js";
import { ErrorMessage } from "./settings-ui.js";
import "./assignment.css";

const isManager = (user: TUser) => user.role === "owner" || user.role === "admin";

/**
 * An agent's availability in the agents table: a select, saved at once, where the viewer may change it
 * (owners anyone, admins agents and themselves), else the dot and the word.
 */
export function AgentAvailability({ user, me }: { user: TManagedUser; me: TUser }) {
  const { t } = useI18n();
  const save = useSetAvailability();
  const canChange = user.isActive && user.abilities.update && (isManager(me) || user.id === me.id);
  if (!canChange) {
    return (
      <span className="availability-label">
        <AvailabilityDot availability={user.availability} />
        {t(`availability.${user.availability}`)}
      </span>
    );
  }
  const shown = save.isPending ? save.variables.availability : user.availability;
  return (
    <div className="agent-availability">
      <span className="availability-label">
        <AvailabilityDot availability={shown} />
        <select
          value={shown}
          aria-label={t("settings.actionFor", { action: t("settings.agents.availability"), name: user.name })}
          onChange={(e) =>
            save.mutate({
              userId: user.id === me.id ? "me" : user.id,
              availability: e.target.value as Availability,
            })
          }
        >
          {availabilities.map((availability) => (
            <option key={availability} value={availability}>
              {t(`availability.${availability}`)}
            </option>
          ))}
        </select>
      </span>
      <ErrorMessage error={save.error} />
    </div>
  );
}

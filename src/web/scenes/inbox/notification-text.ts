import type { TNotification } from "../../api/types.js";

type T = (key: string, params?: Record<string, string | number>) => string;

const slaKinds = ["first_response", "next_response", "resolution"];

/**
 * A notification as one sentence in the reader's language, built from its kind and payload (the server
 * stores no text): "Follow-up due on #123 Where is my order?: check the replacement arrived". A kind this
 * version does not know still names its conversation.
 */
export function notificationText(notification: TNotification, t: T): string {
  const payload = notification.payload;
  const c = notification.conversation;
  const conversation = c ? `#${c.number} ${c.subject ?? ""}`.trim() : "";
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  switch (notification.kind) {
    case "follow_up_due": {
      const note = text(payload.note);
      return note
        ? t("notifications.followUpDueNote", { conversation, note })
        : t("notifications.followUpDue", { conversation });
    }
    case "escalated":
      return t("notifications.escalated", {
        actor: notification.actor?.name ?? t("activity.someone"),
        conversation,
        reason: text(payload.reason),
      });
    case "snooze_ended":
      return t("notifications.snoozeEnded", { conversation });
    case "sla_warning":
    case "sla_breached": {
      const clock = String(payload.kind);
      if (!slaKinds.includes(clock)) break;
      const group = notification.kind === "sla_warning" ? "slaWarning" : "slaBreached";
      return t(`notifications.${group}.${clock}`, { conversation });
    }
  }
  return t("notifications.other", { conversation });
}

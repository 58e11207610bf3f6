import { useI18n } from "../../i18n/i18n.js";
import { useConversationActivity } from "../../realtime/realtime-provider.js";

/** "Boris is typing…" / "Ana also has this open": teammates on the same conversation right now. */
export function ConversationPresence({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const { viewers, typing } = useConversationActivity(conversationId);
  const typists = new Set(typing.map((user) => user.id));
  const watching = viewers.filter((user) => !typists.has(user.id));
  const names = (users: { name: string }[]) => users.map((user) => user.name).join(", ");
  return (
    <p className="presence-line muted" aria-live="polite">
      {typing.length > 0 && (
        <span className="presence-typing">
          {t("presence.typing", { names: names(typing), count: typing.length })}
        </span>
      )}
      {typing.length > 0 && watching.length > 0 && " · "}
      {watching.length > 0 && t("presence.viewing", { names: names(watching), count: watching.length })}
    </p>
  );
}

import { useRetryDelivery } from "../../api/queries.js";
import type { TMessage } from "../../api/types.js";
import { errorText } from "../../i18n/error-text.js";
import { useI18n } from "../../i18n/i18n.js";

/**
 * How far a reply got: "queued" (with why it waits, e.g. the mail server refused it for now and it will
 * be retried), or "not delivered" with the reason and a Retry button. Sent replies show nothing: that is
 * the normal case. The reason is the mail server's own words, so it is shown as it came.
 */
export function DeliveryState({ message }: { message: TMessage }) {
  const { t } = useI18n();
  const retry = useRetryDelivery(message.conversationId);
  if (!message.deliveryStatus || message.deliveryStatus === "sent") return null;
  const failed = message.deliveryStatus === "failed";
  return (
    <div className="delivery-state" role={failed ? "alert" : undefined}>
      <span className={`delivery delivery-${message.deliveryStatus}`}>
        {t(`delivery.${message.deliveryStatus}`)}
      </span>
      {message.deliveryError && <span className="delivery-reason">{message.deliveryError}</span>}
      {failed && (
        <button type="button" disabled={retry.isPending} onClick={() => retry.mutate(message.id)}>
          {retry.isPending ? t("delivery.retrying") : t("delivery.retry")}
        </button>
      )}
      {retry.isError && <span className="form-error">{errorText(retry.error, t)}</span>}
    </div>
  );
}

import { useCustomer } from "../../api/queries.js";
import type { TConversation } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link } from "../../router.js";
import { errorText } from "../../i18n/error-text.js";

/** Who the customer is: name, customer number, their handle on each channel and earlier conversations. */
export function CustomerPanel({ conversation }: { conversation: TConversation }) {
  const { t, formatDateTime } = useI18n();
  const customer = useCustomer(conversation.customer.id);
  const others = customer.data?.conversations.filter((c) => c.id !== conversation.id) ?? [];
  return (
    <section className="customer-panel" aria-labelledby="customer-heading">
      <h2 id="customer-heading">{conversation.customer.name ?? t("conversation.customer")}</h2>
      <p>
        {t("customer.number")}: <strong className="customer-number">{conversation.customer.number}</strong>
      </p>
      {customer.isError && <p role="alert">{errorText(customer.error, t)}</p>}
      {customer.data && (
        <>
          <h3>{t("customer.identities")}</h3>
          <ul className="identities">
            {customer.data.identities.map((identity) => (
              <li key={identity.id}>
                <span className="muted">{t(`identity.${identity.kind}`)}</span> {identity.value}
              </li>
            ))}
          </ul>
          <h3>{t("customer.history")}</h3>
          {others.length === 0 ? (
            <p className="muted">{t("customer.noHistory")}</p>
          ) : (
            <ul className="history">
              {others.map((c) => (
                <li key={c.id}>
                  <Link href={`/inbox/search/${c.id}?q=${encodeURIComponent(c.customer.number)}`}>
                    #{c.number} {c.subject || c.preview}
                  </Link>
                  <span className="muted">
                    {t(`channel.${c.channel}`)} · {t(`status.${c.status}`)} ·{" "}
                    {formatDateTime(c.lastMessageAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

import { useMemo, useState } from "react";
import { useI18n } from "../../i18n/i18n.js";
import { splitQuotedText } from "./quoted-text.js";

/** Blank lines at the edges of a part are the gaps around a fold, not text. */
const trimBlankLines = (text: string) => text.replace(/^(?:[ \t]*\r?\n)+|(?:\r?\n[ \t]*)+$/g, "");

/**
 * A customer's message as plain text, with quoted history (earlier mail quoted with ">", "On … wrote:",
 * Outlook's original-message block) folded behind "Show quoted text". The full text is still there.
 */
export function CustomerText({ text }: { text: string }) {
  const { t } = useI18n();
  const parts = useMemo(() => splitQuotedText(text), [text]);
  const [showQuoted, setShowQuoted] = useState(false);
  const hasQuoted = parts.some((part) => part.isQuoted);
  return (
    <div className="message-body plain">
      {parts.map((part, index) =>
        part.isQuoted && !showQuoted ? null : (
          <div key={index} className={part.isQuoted ? "quoted-text" : undefined}>
            {trimBlankLines(part.text)}
          </div>
        ),
      )}
      {hasQuoted && (
        <button
          type="button"
          className="quoted-toggle"
          aria-expanded={showQuoted}
          onClick={() => setShowQuoted(!showQuoted)}
        >
          {showQuoted ? t("conversation.hideQuoted") : t("conversation.showQuoted")}
        </button>
      )}
    </div>
  );
}

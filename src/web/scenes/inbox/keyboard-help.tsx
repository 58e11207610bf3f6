import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";

export const shortcuts = [
  ["j", "keys.next"],
  ["k", "keys.previous"],
  ["Enter", "keys.open"],
  ["r", "keys.reply"],
  ["n", "keys.note"],
  ["e", "keys.resolve"],
  ["a", "keys.assign"],
  ["/", "keys.search"],
  ["?", "keys.help"],
  ["Ctrl+Enter", "keys.send"],
] as const;

/** The "?" dialog: every keyboard shortcut. */
export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t("keys.title")} onClose={onClose}>
      <dl className="shortcuts">
        {shortcuts.map(([key, label]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}

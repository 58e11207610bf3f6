import { useEffect, useRef, type ReactNode } from "react";
import { useI18n } from "../i18n/i18n.js";

/**
 * A modal on the native <dialog>: focus moves in and is trapped by the browser, Escape closes it, and
 * focus returns to where it was.
 */
export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      previous?.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="dialog-title" onCancel={onClose}>
      <div className="dialog-head">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" className="ghost" onClick={onClose} aria-label={t("common.close")}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}

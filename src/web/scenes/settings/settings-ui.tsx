import type { ReactNode } from "react";
import { ApiError } from "../../api/client.js";
import { Dialog } from "../../components/dialog.js";
import { FieldErrors } from "../../components/form-error.js";
import { useI18n } from "../../i18n/i18n.js";
import { errorText } from "../../i18n/error-text.js";

/** The server's message for a failed write (and each bad field of a 400), or nothing. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <>
      <p role="alert" className="error">
        {errorText(error, t)}
      </p>
      <FieldErrors details={error instanceof ApiError ? error.details : []} />
    </>
  );
}

/** A list that is loading or failed to load (with a retry), else its content. */
export function QueryState({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown; refetch: () => unknown };
  children: ReactNode;
}) {
  const { t } = useI18n();
  if (query.isPending) return <p className="muted">{t("common.loading")}</p>;
  if (query.error) {
    return (
      <div className="settings-state">
        <ErrorMessage error={query.error} />
        <button type="button" onClick={() => void query.refetch()}>
          {t("common.retry")}
        </button>
      </div>
    );
  }
  return <>{children}</>;
}

/**
 * Gives an input focus when its dialog opens. React's `autoFocus` focuses before the parent <dialog> calls
 * showModal(), which then moves focus to its first button; the HTML attribute, set here during commit
 * (before the dialog's effect), is what showModal() honours. In a dialog that is already open (a form
 * shown again), the input is focused at once. Pass it as is (a stable ref runs only on mount).
 */
export const dialogAutofocus = (element: HTMLElement | null): void => {
  element?.setAttribute("autofocus", "");
  if (element?.closest("dialog")?.open) element.focus();
};

/**
 * After a change removes the row whose button opened a dialog, focus would fall to the page's body when
 * the dialog closes: it goes to the section's content instead, once the dialog has given it back.
 */
export const focusMain = (): void => {
  setTimeout(() => document.getElementById("settings-main")?.focus(), 0);
};

/** Asks before a destructive change; stays open with the server's message if the change fails. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  isPending,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  isPending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="stack dialog-body">
        <p>{message}</p>
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          {/* Focus starts on the safe choice: Enter does not destroy anything by accident. */}
          <button type="button" ref={dialogAutofocus} onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="button" className="danger" disabled={isPending} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/** A dialog form's buttons: cancel, and submit (disabled while the change is being saved). */
export function DialogActions({
  isPending,
  submitLabel,
  onCancel,
}: {
  isPending: boolean;
  submitLabel?: string;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="dialog-actions">
      <button type="button" onClick={onCancel}>
        {t("common.cancel")}
      </button>
      <button type="submit" className="primary" disabled={isPending}>
        {submitLabel ?? t("common.save")}
      </button>
    </div>
  );
}

/** A settings table: the column headings, a last column for the row's buttons, and a caption if given. */
export function SettingsTable({
  caption,
  columns,
  children,
}: {
  caption?: string;
  columns: string[];
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <table className="settings-table">
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">{t("settings.actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

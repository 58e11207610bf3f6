import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useApplyMacro, useMacros, type TMacro } from "../../api/macro-queries.js";
import type { TConversation } from "../../api/types.js";
import type { TFilledReply } from "../../api/saved-reply-queries.js";
import { errorText } from "../../i18n/error-text.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link } from "../../router.js";
import "./macros.css";

/** The menu's width in CSS (macros.css); it opens towards the side with room for it. */
const PANEL_WIDTH = 280;

/**
 * "Macros" beside the status buttons: the macros the agent may use; choosing one applies all its changes
 * at once, and its saved reply (filled for this conversation) goes to `onReply` for the composer. A
 * disclosure like the notifications menu: arrow keys move between the macros, Escape closes and returns
 * focus to the button, clicking or tabbing elsewhere closes it.
 */
export function MacroMenu({
  conversation,
  onReply,
  onError,
}: {
  conversation: TConversation;
  onReply: (reply: TFilledReply) => void;
  onError: (message: string) => void;
}) {
  const { t } = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  const [alignRight, setAlignRight] = useState(false);
  const macros = useMacros(isOpen);
  const apply = useApplyMacro(conversation.id);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const abilities = conversation.abilities;
  const canUse = abilities.canTag || abilities.canSetStatus || abilities.canAssign;

  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [isOpen]);

  const open = () => {
    const left = buttonRef.current?.getBoundingClientRect().left ?? 0;
    setAlignRight(left + PANEL_WIDTH > window.innerWidth - 8);
    setIsOpen((v) => !v);
  };
  const close = (returnFocus: boolean) => {
    setIsOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };
  const choose = (macro: TMacro) => {
    close(true);
    apply.mutate(macro.id, {
      onSuccess: ({ reply }) => {
        if (reply) onReply(reply);
      },
      onError: (caught) =>
        onError(t("macros.applyFailed", { name: macro.name, reason: errorText(caught, t) })),
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && isOpen) {
      event.stopPropagation();
      close(true);
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = [...(panelRef.current?.querySelectorAll<HTMLElement>("button, a") ?? [])];
    if (!items.length) return;
    event.preventDefault();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const step = event.key === "ArrowDown" ? 1 : -1;
    items[at < 0 ? 0 : (at + step + items.length) % items.length]!.focus();
  };

  const list = macros.data ?? [];
  return (
    <div
      ref={rootRef}
      className="macro-menu"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        const next = event.relatedTarget as Node | null;
        if (isOpen && next && !rootRef.current?.contains(next)) setIsOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={isOpen}
        aria-controls={isOpen ? `macros-${conversation.id}` : undefined}
        disabled={!canUse || apply.isPending}
        onClick={open}
      >
        {apply.isPending ? t("macros.applying") : t("macros.button")} <span aria-hidden="true">▾</span>
      </button>
      {isOpen && (
        <div
          ref={panelRef}
          id={`macros-${conversation.id}`}
          className={`macro-panel${alignRight ? " macro-panel-right" : ""}`}
        >
          {macros.isPending && <p className="muted macro-state">{t("common.loading")}</p>}
          {macros.isError && (
            <p role="alert" className="error macro-state">
              {errorText(macros.error, t)}
            </p>
          )}
          {macros.isSuccess && list.length === 0 && <p className="muted macro-state">{t("macros.none")}</p>}
          {list.length > 0 && (
            <ul aria-label={t("macros.button")}>
              {list.map((macro) => (
                <li key={macro.id}>
                  <button type="button" className="ghost" onClick={() => choose(macro)}>
                    {macro.name}
                    {macro.scope === "personal" && <span className="muted"> · {t("macros.personal")}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <Link href="/settings/macros" className="macro-manage">
            {t("macros.manage")}
          </Link>
        </div>
      )}
    </div>
  );
}

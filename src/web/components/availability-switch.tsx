import { useEffect, useId, useRef, useState } from "react";
import { availabilities, useSetAvailability, type Availability } from "../api/assignment-queries.js";
import type { TUser } from "../api/types.js";
import { errorText } from "../i18n/error-text.js";
import { useI18n } from "../i18n/i18n.js";
import "./availability.css";

/** The coloured dot of an availability: green online, amber away, a grey ring offline (words say it too). */
export function AvailabilityDot({ availability }: { availability: Availability }) {
  return <span className={`availability-dot availability-${availability}`} aria-hidden="true" />;
}

/**
 * The top bar's status switch: whether the signed-in user takes new conversations (only online agents
 * are assigned automatically). A menu button (WAI-ARIA pattern: arrows move, Enter or a click chooses,
 * Escape closes and returns focus) whose choice is saved at once; the button shows the dot and the status
 * (just the dot on a phone, the name says it in words). The status follows changes made in another tab or
 * by an admin: the session is updated live.
 */
export function AvailabilitySwitch({ user }: { user: TUser }) {
  const { t } = useI18n();
  const save = useSetAvailability();
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemsRef = useRef<(HTMLButtonElement | null)[]>([]);
  const id = useId();
  // While a change is on its way the menu shows it; the session shows it once saved.
  const current = save.isPending ? save.variables.availability : user.availability;

  const close = (returnFocus: boolean) => {
    setIsOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!isOpen) return;
    rootRef.current?.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [isOpen]);

  const choose = (availability: Availability) => {
    if (save.isPending) return;
    if (availability === user.availability) return close(true);
    save.mutate({ userId: "me", availability }, { onSuccess: () => close(true) });
  };

  const moveFocus = (key: string) => {
    const items = itemsRef.current;
    const count = availabilities.length;
    const at = Math.max(
      0,
      items.findIndex((item) => item === document.activeElement),
    );
    const next: Record<string, number> = {
      Home: 0,
      End: count - 1,
      ArrowDown: (at + 1) % count,
      ArrowUp: (at + count - 1) % count,
    };
    items[next[key] ?? at]?.focus();
  };

  return (
    <div
      ref={rootRef}
      className="availability-switch"
      onKeyDown={(event) => {
        if (!isOpen) return;
        if (event.key === "Escape") {
          event.stopPropagation();
          close(true);
        } else if (event.key === "Tab") {
          setIsOpen(false);
        }
      }}
    >
      <button
        ref={buttonRef}
        id={`${id}-button`}
        type="button"
        className="ghost availability-button"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? `${id}-menu` : undefined}
        onClick={() => {
          save.reset();
          setIsOpen((v) => !v);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            save.reset();
            setIsOpen(true);
          }
        }}
      >
        <AvailabilityDot availability={user.availability} />
        <span className="visually-hidden">{t("availability.label")}: </span>
        <span className="availability-text">{t(`availability.${user.availability}`)}</span>
      </button>
      {isOpen && (
        <div className="availability-popup">
          <p id={`${id}-hint`} className="muted availability-hint">
            {t("availability.hint")}
          </p>
          <div
            id={`${id}-menu`}
            role="menu"
            aria-labelledby={`${id}-button`}
            aria-describedby={`${id}-hint`}
            onKeyDown={(event) => {
              if (["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) {
                event.preventDefault();
                moveFocus(event.key);
              }
            }}
          >
            {availabilities.map((availability, i) => (
              <button
                key={availability}
                ref={(element) => {
                  itemsRef.current[i] = element;
                }}
                type="button"
                role="menuitemradio"
                aria-checked={current === availability}
                tabIndex={-1}
                className="availability-item"
                aria-disabled={save.isPending || undefined}
                onClick={() => choose(availability)}
              >
                <AvailabilityDot availability={availability} />
                <span>{t(`availability.${availability}`)}</span>
              </button>
            ))}
          </div>
          {save.isError && (
            <p role="alert" className="error availability-error">
              {t("availability.failed", { reason: errorText(save.error, t) })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

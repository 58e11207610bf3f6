import { useEffect, useRef } from "react";

/** True when keys typed now go into a field, so single-letter shortcuts must not fire. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
}

/** True for elements where Enter already means something (press the button, follow the link). */
function isInteractive(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest("a, button, summary, [role='tab'], [role='option']") !== null
  );
}

/**
 * Single-key shortcuts for the whole page (j, k, r, …), ignored while typing in a field, with a modifier
 * held, or while a dialog is open. The latest handlers are used without re-binding the listener.
 */
export function useHotkeys(handlers: Record<string, (event: KeyboardEvent) => void>): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTyping(event.target) || document.querySelector("dialog[open]")) return;
      // Enter on a focused button or link keeps its own meaning (a focused list row opens natively).
      if (event.key === "Enter" && isInteractive(event.target)) return;
      const handler = ref.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

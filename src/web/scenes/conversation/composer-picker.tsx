import { useState, type KeyboardEvent, type ReactNode } from "react";

/**
 * A suggestion list that pops up over the composer while typing (`@` teammates, `/` saved replies): what
 * the textarea needs to know to drive it as a combobox.
 */
export interface ComposerPicker {
  isOpen: boolean;
  listId: string;
  /** The highlighted option's element id, for aria-activedescendant. */
  activeId: string | undefined;
  /** Handles the key if the picker wants it (arrows, Enter, Tab, Escape); true when it did. */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  close: () => void;
  popup: ReactNode;
}

/**
 * Arrow keys move through `options`, Enter or Tab chooses, Escape closes: the same keys for every picker.
 * `options` null means closed; the highlight goes back to the first option when the list changes.
 */
export function usePickerKeys<T>(
  options: T[] | null,
  optionKey: (option: T) => string,
  choose: (option: T) => void,
  close: () => void,
) {
  const listKey = options ? options.map(optionKey).join("\n") : null;
  const [state, setState] = useState<{ listKey: string | null; active: number }>({ listKey, active: 0 });
  // Reset during render (not in an effect) so the highlight never points past a shorter list.
  const active = state.listKey === listKey ? state.active : 0;
  if (state.listKey !== listKey) setState({ listKey, active: 0 });
  const setActive = (next: number) => setState({ listKey, active: next });

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!options) return false;
    if (event.key === "Escape") {
      event.preventDefault();
      // The composer's own Escape (leave the box) waits for the next press.
      event.stopPropagation();
      close();
      return true;
    }
    if (options.length === 0) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((active + step + options.length) % options.length);
      return true;
    }
    if ((event.key === "Enter" && !event.ctrlKey && !event.metaKey) || event.key === "Tab") {
      event.preventDefault();
      choose(options[active]!);
      return true;
    }
    return false;
  };
  return { active, setActive, onKeyDown };
}

/** The popup list: options chosen with the mouse too (mousedown, so the textarea keeps its focus). */
export function PickerList<T>({
  id,
  label,
  options,
  active,
  optionKey,
  onChoose,
  children,
}: {
  id: string;
  label: string;
  options: T[];
  active: number;
  optionKey: (option: T) => string;
  onChoose: (option: T) => void;
  children: (option: T) => ReactNode;
}) {
  return (
    <ul id={id} role="listbox" className="mentions" aria-label={label}>
      {options.map((option, i) => (
        <li
          key={optionKey(option)}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          onMouseDown={(e) => {
            e.preventDefault();
            onChoose(option);
          }}
        >
          {children(option)}
        </li>
      ))}
    </ul>
  );
}

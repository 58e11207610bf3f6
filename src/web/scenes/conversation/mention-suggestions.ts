import type { TManagedUser } from "../../api/types.js";

/** The "@fragment" being typed just before the caret, or null. */
export function mentionAt(text: string, caret: number): { start: number; fragment: string } | null {
  const before = text.slice(0, caret);
  const found = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(before);
  if (!found) return null;
  return { start: caret - found[2]!.length - 1, fragment: found[2]! };
}

/** Active users whose handle or a word of whose name starts with the fragment, best first, at most 6. */
export function mentionCandidates(users: TManagedUser[], fragment: string): TManagedUser[] {
  const f = fragment.toLocaleLowerCase();
  return users
    .filter((u) => u.isActive)
    .filter(
      (u) =>
        u.handle.toLocaleLowerCase().startsWith(f) ||
        u.name
          .toLocaleLowerCase()
          .split(/\s+/)
          .some((word) => word.startsWith(f)),
    )
    .sort(
      (a, b) =>
        Number(!a.handle.startsWith(f)) - Number(!b.handle.startsWith(f)) || a.name.localeCompare(b.name),
    )
    .slice(0, 6);
}

/** The text with the fragment replaced by `@handle `, and where the caret goes after it. */
export function insertMention(text: string, start: number, caret: number, handle: string) {
  const inserted = `@${handle} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

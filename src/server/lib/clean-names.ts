/**
 * Names a person typed as a list (tags, jargon terms): trimmed, inner spaces collapsed, empty ones
 * dropped, and de-duplicated case-insensitively keeping the first spelling, in the order given.
 */
export function cleanNames(names: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, " ");
    if (name && !byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
  }
  return [...byKey.values()];
}

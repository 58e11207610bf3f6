/**
 * The terms of one language's help index and how many articles hold each: the search asks it whether a
 * word is known (then it is not treated as a typo) and how a word being typed may end (the most frequent
 * completions, so a short prefix costs a bounded number of lookups).
 */
export interface HelpVocabulary {
  /** Counts one article's terms in (1) or out (-1); repeated terms count once. */
  count(terms: Iterable<string>, delta: 1 | -1): void;
  /** Articles holding `term` (0 when unknown). */
  frequency(term: string): number;
  /** Known terms longer than `prefix` that start with it, the most frequent first (ties in term order), at most `max`. */
  completions(prefix: string, max: number): string[];
}

/** Index of the first term in `sorted` that is not less than `term`. */
function lowerBound(sorted: readonly string[], term: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? "") < term) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A term's count, and the last count call that met it (a term repeated in one article counts once). */
interface Entry {
  articles: number;
  call: number;
}

/** Creates an empty vocabulary. The sorted term list is built at the first completion, then kept up to date. */
export function createHelpVocabulary(): HelpVocabulary {
  const entries = new Map<string, Entry>();
  let calls = 0;
  let sorted: string[] | undefined;

  const frequency = (term: string) => entries.get(term)?.articles ?? 0;

  return {
    count(terms, delta) {
      const call = ++calls;
      for (const term of terms) {
        let entry = entries.get(term);
        if (!entry) {
          if (delta < 0) continue;
          entries.set(term, (entry = { articles: 0, call: 0 }));
          if (sorted) sorted.splice(lowerBound(sorted, term), 0, term);
        }
        if (entry.call === call) continue;
        entry.call = call;
        entry.articles += delta;
        if (entry.articles <= 0) {
          entries.delete(term);
          const at = sorted ? lowerBound(sorted, term) : -1;
          if (sorted?.[at] === term) sorted.splice(at, 1);
        }
      }
    },
    frequency,
    completions(prefix, max) {
      sorted ??= [...entries.keys()].sort();
      const found: string[] = [];
      for (let i = lowerBound(sorted, prefix); i < sorted.length; i++) {
        const term = sorted[i] ?? "";
        if (!term.startsWith(prefix)) break;
        if (term !== prefix) found.push(term);
      }
      return found.sort((a, b) => frequency(b) - frequency(a) || (a < b ? -1 : 1)).slice(0, max);
    },
  };
}

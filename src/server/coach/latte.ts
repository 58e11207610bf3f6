/**
 * LATTE for complaints: Listen (restate the problem), Acknowledge (apologise, show you see how it
 * feels), Take action (say what you did), Thank, Explain (what happens next, and when). Each step is a
 * cheap signal, so the checklist can update while the agent types.
 */
import type { LatteStep } from "./coach.js";
import { foldText } from "./fold-text.js";
import { hasMatch, type RuleSet } from "./rule-set.js";
import { type Span, wordsOf } from "./split-text.js";

/** The draft as the coach already prepared it. */
export interface LatteDraft {
  /** The draft with quotes, links and code blanked out, folded (lower case, no diacritics). */
  folded: string;
  /** The words of the draft, in order. */
  words: readonly Span[];
  sentences: Span[];
  /** The customer's last message, as written. */
  customerText: string;
}

/** Words this long or longer count for Listen; shorter ones are mostly grammar. */
const MIN_CONTENT_LENGTH = 4;
/** The cheap stem: the first letters of a folded word, so "parcel"/"parcels", "посылка"/"посылку" meet. */
const STEM_LENGTH = 5;
/** Distinct stems the draft must share with the customer's message to count as restating it… */
const SHARED_STEMS = 3;
/** …or this many when the customer wrote only a few content words. */
const SHARED_STEMS_SHORT = 2;
const SHORT_MESSAGE_STEMS = 6;

/** Ticks the LATTE steps the draft takes. */
export function detectLatte(set: RuleSet, draft: LatteDraft): Record<LatteStep, boolean> {
  const { signals } = set;
  const has = hasMatch;
  const listen = has(signals.listen, draft.folded) || restatesCustomer(set, draft);
  const explain =
    has(signals.explain, draft.folded) ||
    draft.sentences.some((s) => {
      const sentence = draft.folded.slice(s.start, s.end);
      return has(signals.future, sentence) && has(signals.time, sentence);
    });
  return {
    listen,
    acknowledge: has(signals.acknowledge, draft.folded),
    takeAction: has(signals.takeAction, draft.folded),
    thank: has(signals.thank, draft.folded),
    explain,
  };
}

/** The content-word stems of folded text: words of 4+ letters (or 3+ digits), minus stop words. */
export function contentStems(
  set: RuleSet,
  folded: string,
  words: readonly Span[] = wordsOf(folded),
): Set<string> {
  const stems = new Set<string>();
  for (const span of words) {
    const word = folded.slice(span.start, span.end);
    const isNumber = /^[0-9]{3,}$/.test(word);
    if (!isNumber && (word.length < MIN_CONTENT_LENGTH || set.stopwords.has(word))) continue;
    stems.add(isNumber ? word : word.slice(0, STEM_LENGTH));
  }
  return stems;
}

/** Whether the draft repeats enough of what the customer wrote to show it was read. */
function restatesCustomer(set: RuleSet, draft: LatteDraft): boolean {
  if (draft.customerText.trim() === "") return false;
  const customer = contentStems(set, foldText(draft.customerText));
  const reply = contentStems(set, draft.folded, draft.words);
  let shared = 0;
  for (const stem of customer) if (reply.has(stem)) shared++;
  const needed = customer.size <= SHORT_MESSAGE_STEMS ? SHARED_STEMS_SHORT : SHARED_STEMS;
  return shared >= needed;
}

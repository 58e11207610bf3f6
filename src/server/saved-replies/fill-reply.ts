import type { Actor } from "../context.js";
import type { Queryable } from "../db/types.js";
import type { Language } from "../lib/guess-language.js";
import { loadReplyFacts, variableValues } from "./variable-values.js";
import { renderTemplate, templateVariables } from "./variables.js";

/** A saved reply filled in for one conversation. */
export interface FilledReply {
  lang: Language;
  body: string;
  /** Variables left empty: no value and no fallback. */
  missing: string[];
}

/**
 * The variant to use: the first of `preferences` the reply has (asked language, conversation language,
 * workspace default), else its first variant in the order en, ru, hr, sk. Undefined only without any.
 */
export function chooseVariant<T extends { lang: string }>(
  variants: T[],
  preferences: (string | null | undefined)[],
): T | undefined {
  for (const lang of preferences) {
    const found = lang ? variants.find((variant) => variant.lang === lang) : undefined;
    if (found) return found;
  }
  return variants[0];
}

/**
 * Fills a saved reply in for a conversation the actor sees: chooses the language (`lang` when the reply
 * has it, else the conversation's, else the workspace's default, else any) and renders the variables with
 * the conversation's and the actor's values in that language. Null when the reply has no variant.
 */
export async function fillReply(
  db: Queryable,
  actor: Actor,
  conversationId: string,
  variants: { lang: Language; body: string }[],
  lang?: Language,
): Promise<FilledReply | null> {
  const facts = await loadReplyFacts(db, actor, conversationId);
  const variant = chooseVariant(variants, [
    lang,
    facts.conversation_language,
    facts.workspace_default_language,
  ]);
  if (!variant) return null;
  const values = await variableValues(db, facts, variant.lang, templateVariables(variant.body));
  return { lang: variant.lang, ...renderTemplate(variant.body, values) };
}

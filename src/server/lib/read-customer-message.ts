import { sentimentOf, type Sentiment } from "../coach/sentiment.js";
import { guessLanguage, type Language } from "./guess-language.js";

export type { Sentiment };

/** What Heed reads in a customer's message: stored with it, used by the inbox filters and the coach. */
export interface MessageReading {
  language: Language;
  sentiment: Sentiment;
  /** From -1 (very negative) to 1 (very positive). */
  score: number;
}

/** Quoted history ("> …" lines, "On … wrote:" and what follows) says nothing about the new message. */
function ownText(body: string): string {
  const lines: string[] = [];
  for (const line of body.split("\n")) {
    if (/^\s*>/.test(line)) continue;
    if (/^\s*(On .{4,120} wrote:|-----\s*Original Message\s*-----)\s*$/i.test(line)) break;
    lines.push(line);
  }
  return lines.join("\n");
}

/**
 * The language and mood of a customer's message. The language is guessed from the text; a message too
 * short to tell ("ok", "12345") keeps `fallback` (the conversation's language), so the lexicon of the
 * language the customer is known to write in scores it. Deterministic, no outside service.
 */
export function readCustomerMessage(body: string, fallback: Language): MessageReading {
  const text = ownText(body).slice(0, 20_000);
  const language = guessLanguage(text) ?? fallback;
  const { sentiment, score } = sentimentOf(text, language);
  return { language, sentiment, score: Math.max(-1, Math.min(1, score)) };
}

import { z } from "zod";
import { helpArticleUrl } from "./help-urls.js";

/** An article offered to an agent (while writing, or for the closing reply) or to a chat visitor. */
export const ZArticleSuggestion = z.object({
  id: z.uuid(),
  number: z.number().int(),
  lang: z.enum(["en", "ru", "hr", "sk"]),
  title: z.string(),
  /** HTML-escaped text around the match, the matched words in <mark>. */
  snippet: z.string(),
  /** The public address; null for internal articles, which customers cannot open. */
  url: z.string().nullable(),
  visibility: z.enum(["public", "internal"]),
});
export type TArticleSuggestion = z.infer<typeof ZArticleSuggestion>;

export function presentArticleSuggestion(
  base: string,
  a: {
    articleId: string;
    number: number;
    lang: "en" | "ru" | "hr" | "sk";
    title: string;
    slug: string;
    visibility: "public" | "internal";
    snippetHtml: string;
  },
): TArticleSuggestion {
  return {
    id: a.articleId,
    number: a.number,
    lang: a.lang,
    title: a.title,
    snippet: a.snippetHtml,
    url: a.visibility === "public" ? helpArticleUrl(base, a.lang, a.number, a.slug) : null,
    visibility: a.visibility,
  };
}

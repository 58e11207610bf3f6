import type { WidgetArticle } from "./connection.js";

/** How long the visitor pauses before articles are looked up: one request per pause, not per key. */
const PAUSE_MS = 500;

/**
 * Help-center articles offered while a visitor writes their first message: up to three links under a
 * short heading, opening in a new tab. `show` renders an answer; `typed` schedules a lookup.
 */
export function articleSuggestions(options: {
  list: HTMLElement;
  heading: string;
  lookup: (q: string) => void;
  opened: (article: WidgetArticle) => void;
}) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest = "";
  const clear = () => options.list.replaceChildren();
  return {
    /** The text changed; `active` is false once the visitor has a conversation (no more suggestions). */
    typed(text: string, active: boolean) {
      if (timer) clearTimeout(timer);
      latest = text.trim();
      if (!active || latest.length < 8) return clear();
      timer = setTimeout(() => options.lookup(latest), PAUSE_MS);
    },
    show(q: string, items: WidgetArticle[]) {
      if (q !== latest) return;
      if (!items.length) return clear();
      const heading = document.createElement("p");
      heading.textContent = options.heading;
      const links = items.map((article) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = article.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = article.title;
        link.addEventListener("click", () => options.opened(article));
        item.append(link);
        return item;
      });
      const list = document.createElement("ul");
      list.append(...links);
      options.list.replaceChildren(heading, list);
    },
    clear,
  };
}

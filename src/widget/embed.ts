/**
 * The chat widget: `<script src="https://heed.example/widget.js" data-key="wk_…" async></script>` adds a
 * launcher and a chat panel to any page, inside a shadow root so the page's CSS cannot change it.
 * Optional attributes: `data-lang` (else the page's, else the browser's language), `data-name` and
 * `data-email` (pre-filled), and for a shop's logged-in customer `data-user-id` with `data-user-hash`
 * (the hex HMAC-SHA256 of the id with the chat inbox's identity secret, computed on the shop's server).
 */
import { mountWidget } from "./panel.js";
import { pickLanguage, STRINGS } from "./strings.js";

function start(script: HTMLScriptElement): void {
  const data = script.dataset;
  if (!data.key || document.querySelector("heed-chat")) return;
  const host = document.createElement("heed-chat");
  // Inline and important: the page's stylesheets (even `* { display: none !important }`) cannot hide it.
  for (const [name, value] of [
    ["display", "block"],
    ["position", "fixed"],
    ["z-index", "2147483000"],
    ["inset", "auto 0 0 auto"],
    ["width", "0"],
    ["height", "0"],
    ["margin", "0"],
    ["padding", "0"],
    ["border", "0"],
    ["transform", "none"],
    ["filter", "none"],
    ["opacity", "1"],
    ["visibility", "visible"],
  ]) {
    host.style.setProperty(name!, value!, "important");
  }
  document.body.append(host);
  const lang = pickLanguage([data.lang, document.documentElement.lang, ...navigator.languages]);
  mountWidget(host.attachShadow({ mode: "open" }), {
    base: new URL(script.src).origin,
    widgetKey: data.key,
    words: STRINGS[lang],
    lang,
    user: data.userId && data.userHash ? { id: data.userId, hash: data.userHash } : null,
    name: data.name ?? "",
    email: data.email ?? "",
  });
}

const script = document.currentScript as HTMLScriptElement | null;
if (script) {
  if (document.body) start(script);
  else document.addEventListener("DOMContentLoaded", () => start(script));
}

import { articleSuggestions } from "./articles.js";
import { ChatConnection, type ChatMessage, type Welcome } from "./connection.js";
import { fill, type Words } from "./strings.js";
import { STYLES } from "./styles.js";

export interface WidgetOptions {
  /** Heed's address, e.g. https://help.shop.example (where widget.js came from). */
  base: string;
  widgetKey: string;
  words: Words;
  lang: string;
  user: { id: string; hash: string } | null;
  /** Pre-filled pre-chat details the shop already knows. */
  name: string;
  email: string;
}

const ICON = `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>`;

/** Creates an element with attributes and text; no HTML parsing of visitor or agent text, ever. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Builds the launcher and the chat panel inside `root` (a shadow root) and connects. Keyboard: the
 * launcher toggles the panel, Escape closes it and returns to the launcher, Enter sends (Shift+Enter is a
 * new line). New messages are announced to screen readers through the log's live region.
 */
export function mountWidget(root: ShadowRoot, options: WidgetOptions): void {
  const w = options.words;
  const style = el("style");
  style.textContent = STYLES;
  const frame = el("div", { class: "w", lang: options.lang });
  const launcher = el("button", {
    class: "launcher",
    type: "button",
    "aria-expanded": "false",
    "aria-controls": "heed-panel",
    "aria-label": w.open,
  });
  launcher.innerHTML = ICON;
  const badge = el("span", { class: "badge", hidden: "" });
  launcher.append(badge);
  const panel = el("section", {
    class: "panel",
    id: "heed-panel",
    role: "dialog",
    "aria-labelledby": "heed-title",
    hidden: "",
  });
  const header = el("header");
  const heading = el("div");
  const title = el("h2", { id: "heed-title" }, w.title);
  const status = el("p", { class: "status" });
  heading.append(title, status);
  const close = el("button", { class: "x", type: "button", "aria-label": w.close }, "×");
  header.append(heading, close);
  const log = el("ol", { class: "log", role: "log", "aria-live": "polite", "aria-label": w.title });
  const note = el("p", { class: "note", "aria-live": "polite" });
  const form = el("form", { novalidate: "" });
  const details = el("div");
  const nameField = field("name", w.name, "text", "name");
  const emailField = field("email", w.email, "email", "email");
  details.append(nameField.wrap, emailField.wrap);
  const row = el("div", { class: "row" });
  const box = el("div");
  const label = el("label", { for: "heed-text", class: "sr" }, w.message);
  const text = el("textarea", { id: "heed-text", rows: "2", placeholder: w.message, maxlength: "5000" });
  box.append(label, text);
  const sendButton = el("button", { class: "send", type: "submit" }, w.send);
  const picker = el("input", {
    type: "file",
    class: "sr",
    tabindex: "-1",
    "aria-hidden": "true",
    multiple: "",
  });
  const attachButton = el("button", { class: "attach", type: "button", "aria-label": w.attach }, "📎");
  row.append(box, attachButton, sendButton, picker);
  const attached = el("ul", { class: "files", "aria-label": w.attach });
  const error = el("p", { class: "err", role: "alert" });
  const suggested = el("div", { class: "arts", "aria-live": "polite" });
  form.append(details, suggested, attached, row, error);
  panel.append(header, log, note, form);
  frame.append(panel, launcher);
  root.append(style, frame);

  nameField.input.value = options.name;
  emailField.input.value = options.email;
  let welcome: Welcome | null = null;
  let isOpen = false;
  let unread = 0;
  let shown = 0;
  let typingText = "";
  /** null until the first connection answers or fails: nothing is said before then. */
  let connected: boolean | null = null;

  /** "5 minutes" / "2 hours" in the widget's language, with the browser's plural rules. */
  function duration(seconds: number): string {
    const minutes = Math.max(1, Math.round(seconds / 60));
    const [value, unit] = minutes < 120 ? [minutes, "minute"] : [Math.round(minutes / 60), "hour"];
    return new Intl.NumberFormat(options.lang, { style: "unit", unit, unitDisplay: "long" }).format(value);
  }

  function field(id: string, text: string, type: string, autocomplete: string) {
    const wrap = el("div");
    const labelNode = el("label", { for: `heed-${id}` }, text);
    const input = el("input", { id: `heed-${id}`, type, autocomplete });
    wrap.append(labelNode, input);
    return { wrap, input, label: labelNode, text };
  }

  const needsDetails = () => Boolean(welcome && !welcome.hasConversation);
  /** Nobody to chat with now (outside office hours, or no agent online): a message form, email required. */
  const isAway = () => !welcome?.agentsOnline || Boolean(welcome.hours && !welcome.hours.open);
  /** A moment in the visitor's own time zone and language: "Monday 09:00". */
  const when = (iso: string) =>
    new Intl.DateTimeFormat(options.lang, { weekday: "long", hour: "2-digit", minute: "2-digit" }).format(
      new Date(iso),
    );
  const render = () => {
    status.textContent =
      connected === null
        ? ""
        : !connected
          ? w.reconnecting
          : welcome?.hours && !welcome.hours.open
            ? welcome.hours.nextOpening
              ? fill(w.closed, { time: when(welcome.hours.nextOpening) })
              : w.away
            : !welcome?.agentsOnline
              ? w.away
              : welcome.expectedReplySeconds !== null
                ? fill(w.usually, { time: duration(welcome.expectedReplySeconds) })
                : w.online;
    if (welcome) title.textContent = welcome.inbox.name;
    details.hidden = !needsDetails();
    for (const [f, ask] of [
      [nameField, welcome?.ask.name],
      [emailField, isAway() ? "required" : welcome?.ask.email],
    ] as const) {
      f.wrap.hidden = ask === "off";
      f.input.required = ask === "required";
      f.label.textContent = ask === "optional" ? `${f.text} ${w.optional}` : f.text;
    }
    note.textContent = typingText;
    badge.hidden = unread === 0 || isOpen;
    badge.textContent = String(unread);
    launcher.setAttribute(
      "aria-label",
      unread && !isOpen ? `${w.open} (${fill(w.unread, { count: unread })})` : w.open,
    );
  };

  const showMessages = (messages: ChatMessage[]) => {
    log.replaceChildren(
      ...messages.map((message) => {
        const item = el("li", { class: `m ${message.from}` });
        item.append(
          el("span", { class: "who" }, message.from === "visitor" ? w.you : (message.author ?? w.team)),
        );
        item.append(document.createTextNode(message.body));
        for (const file of message.files ?? []) {
          const link = el("button", { type: "button", class: "file" }, `📎 ${file.name}`);
          link.addEventListener("click", () => void connection.download(file));
          item.append(link);
        }
        if (message.from === "visitor" && message.state) {
          item.append(
            el(
              "span",
              { class: "state" },
              message.state === "sending" ? w.sending : message.state === "seen" ? w.seen : w.sent,
            ),
          );
        }
        return item;
      }),
    );
    const agentMessages = messages.filter((m) => m.from === "agent").length;
    if (!isOpen && agentMessages > shown) unread = agentMessages - shown;
    if (isOpen) {
      shown = agentMessages;
      unread = 0;
      connection.read();
    }
    log.scrollTop = log.scrollHeight;
    render();
  };

  const articles = articleSuggestions({
    list: suggested,
    heading: w.articles,
    lookup: (q) => connection.findArticles(q, options.lang),
    opened: (article) => connection.articleOpened(article.id, options.lang),
  });
  const connection = new ChatConnection(
    options.base.replace(/^http/, "ws"),
    options.widgetKey,
    options.user,
    {
      welcome(value) {
        welcome = value;
        render();
      },
      messages: showMessages,
      availability(agentsOnline) {
        if (!welcome) return;
        welcome = { ...welcome, agentsOnline };
        render();
      },
      typing(agents) {
        typingText = agents.length ? fill(w.typing, { name: agents.join(", ") }) : "";
        render();
      },
      connected(value) {
        connected = value;
        render();
      },
      articles: (q, items) => articles.show(q, items),
      refused(code) {
        error.textContent = code === "rate_limited" ? w.tooMany : w.required;
        if (code !== "rate_limited") details.hidden = false;
      },
    },
  );

  const toggle = (open: boolean) => {
    isOpen = open;
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      unread = 0;
      shown = log.querySelectorAll(".m.agent").length;
      connection.read();
      text.focus();
    } else {
      launcher.focus();
    }
    render();
  };
  let files: { id: string; name: string }[] = [];
  const showFiles = () => {
    attached.replaceChildren(
      ...files.map((file) => {
        const item = el("li", {}, `📎 ${file.name} `);
        const remove = el(
          "button",
          { type: "button", class: "x-file", "aria-label": fill(w.remove, { name: file.name }) },
          "×",
        );
        remove.addEventListener("click", () => {
          files = files.filter((f) => f.id !== file.id);
          showFiles();
        });
        item.append(remove);
        return item;
      }),
    );
  };
  attachButton.addEventListener("click", () => picker.click());
  picker.addEventListener("change", () => {
    for (const file of Array.from(picker.files ?? [])) {
      if (file.size > 10 * 1024 * 1024) {
        error.textContent = fill(w.tooLarge, { name: file.name });
        continue;
      }
      connection
        .upload(file)
        .then((stored) => {
          files = [...files, stored];
          showFiles();
        })
        .catch(() => (error.textContent = fill(w.uploadFailed, { name: file.name })));
    }
    picker.value = "";
  });
  launcher.addEventListener("click", () => toggle(!isOpen));
  close.addEventListener("click", () => toggle(false));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") toggle(false);
  });
  text.addEventListener("input", () => {
    if (text.value.trim()) connection.typing();
    articles.typed(text.value, Boolean(welcome && !welcome.hasConversation));
  });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.textContent = "";
    const body = text.value.trim();
    if (!body && files.length === 0) return;
    const extra: { name?: string; email?: string; attachmentIds?: string[] } = {};
    if (files.length) extra.attachmentIds = files.map((file) => file.id);
    if (needsDetails()) {
      for (const [key, f] of [
        ["name", nameField],
        ["email", emailField],
      ] as const) {
        const value = f.input.value.trim();
        if (f.input.required && !value) {
          error.textContent = w.required;
          f.input.focus();
          return;
        }
        if (value && !f.wrap.hidden) extra[key] = value;
      }
      if (extra.email && !emailField.input.checkValidity()) {
        error.textContent = w.required;
        emailField.input.focus();
        return;
      }
    }
    const wasAway = welcome && isAway() && !welcome.hasConversation;
    connection.send(body, extra);
    if (welcome) welcome.hasConversation = true;
    if (wasAway && extra.email) typingText = fill(w.byEmail, { email: extra.email });
    text.value = "";
    articles.clear();
    files = [];
    showFiles();
    render();
  });
  render();
  connection.start();
}

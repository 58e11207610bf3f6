import type { HelpPageContent } from "../server/models/help-public.js";
import { helpDuration } from "./help-text.js";
import { markdownToPlainText } from "./render-markdown.js";
import { escapeHtml, html, raw, type SafeHtml } from "./html.js";
import { helpLanguages, type HelpLang } from "./languages.js";
import { everyLanguage, helpPath, renderDocument, type HelpDocument, type HelpShell } from "./layout.js";

export interface HelpOfficeHours {
  /** The calendar's time zone: the weekly hours are in it. */
  timeZone: string;
  isOpen: boolean;
  /** When it opens next, already in words ("Monday 09:00"); null when open or never. */
  nextOpening: string | null;
  /** Monday first: each weekday's open spans, "08:00–16:00". */
  week: { day: number; spans: string[] }[];
}

export interface HelpContactView {
  intro: HelpPageContent | undefined;
  emails: { address: string; replySeconds: number | null }[];
  chat: { widgetKey: string; replySeconds: number | null } | null;
  hours: HelpOfficeHours | null;
}

/** A translated sentence, escaped, with its placeholder replaced by markup (a link). */
const withLink = (text: string, placeholder: string, link: SafeHtml): SafeHtml =>
  raw(escapeHtml(text).replace(placeholder, link.value));

const weekdayName = (lang: HelpLang, day: number) =>
  new Intl.DateTimeFormat(lang, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2024, 0, day));

function hoursCard(shell: HelpShell, hours: HelpOfficeHours): SafeHtml {
  const { t, lang } = shell;
  return html`<section class="card">
    <h2>${t("contact.hours")}</h2>
    <p class="status${hours.isOpen ? " open" : ""}">
      ${hours.isOpen ? t("contact.openNow") : hours.nextOpening ? t("contact.backAt", { time: hours.nextOpening }) : t("contact.closed")}
    </p>
    <table class="hours">
      <tbody>
        ${hours.week.map(
          (d) =>
            html`<tr>
              <th scope="row">${weekdayName(lang, d.day)}</th>
              <td>${d.spans.length ? d.spans.join(", ") : t("contact.closed")}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="muted">${t("contact.timeZone", { zone: hours.timeZone })}</p>
  </section>`;
}

/**
 * The contact page: the editable intro, then the ways to reach the team (email addresses, live chat
 * with its JavaScript-free fallback), office hours with "open now" / "back …", the usual reply time
 * where there is data, and the way to the complaint procedure.
 */
export function renderContactPage(shell: HelpShell, view: HelpContactView): HelpDocument {
  const { t, lang, site } = shell;
  const replyLine = (seconds: number | null) =>
    seconds === null
      ? ""
      : html`<p class="muted">${t("contact.replyTime", { time: helpDuration(lang, seconds) })}</p>`;
  const firstEmail = view.emails[0]?.address;
  const emailLink = (address: string) => html`<a href="mailto:${address}">${address}</a>`;
  const cards: SafeHtml[] = [];
  if (view.emails.length) {
    cards.push(
      html`<section class="card">
        <h2>${t("contact.email")}</h2>
        <p>${t("contact.emailText")}</p>
        ${view.emails.map(
          (e) =>
            html`<p><strong>${emailLink(e.address)}</strong></p>
              ${replyLine(e.replySeconds)}`,
        )}
      </section>`,
    );
  }
  if (view.chat) {
    cards.push(
      html`<section class="card" id="chat">
        <h2>${t("contact.chat")}</h2>
        <p class="needs-js">${t("contact.chatText")}</p>
        <div class="no-js">
          <p>${t("contact.chatNoScript")}</p>
          ${firstEmail ? html`<p>${withLink(t("contact.chatNoScriptEmail"), "{email}", emailLink(firstEmail))}</p>` : ""}
        </div>
        ${replyLine(view.chat.replySeconds)}
      </section>`,
    );
  }
  if (view.hours) cards.push(hoursCard(shell, view.hours));

  const title = view.intro?.title ?? t("site.contact");
  const introLang = view.intro && view.intro.lang !== lang ? html` lang="${view.intro.lang}"` : "";
  const main = html`<h1${introLang}>${title}</h1>
${view.intro ? html`<div class="prose" ${introLang}>${raw(view.intro.bodyHtml)}</div>` : ""}
${cards.length ? html`<div class="channels">${cards}</div>` : html`<p>${t("contact.noChannels")}</p>`}
<p><a href="${helpPath(lang, "/complaints")}">${t("contact.complaintsText")}</a></p>`;
  return renderDocument(
    shell,
    {
      title,
      description:
        (view.intro && markdownToPlainText(view.intro.bodyStart)) ||
        t("contact.description", { name: site.title }),
      path: helpPath(lang, "/contact"),
      alternates: helpLanguages.map((l) => ({ lang: l, path: helpPath(l, "/contact") })),
      defaultPath: helpPath(site.defaultLanguage, "/contact"),
      switchPaths: everyLanguage("/contact"),
      bodyEnd: view.chat
        ? html`<script src="/widget.js" data-key="${view.chat.widgetKey}" data-lang="${lang}" async></script>`
        : undefined,
    },
    main,
  );
}

/** The complaint procedure: an editable page in each language. */
export function renderComplaintsPage(shell: HelpShell, page: HelpPageContent | undefined): HelpDocument {
  const { t, lang, site } = shell;
  const title = page?.title ?? t("site.complaints");
  const pageLang = page && page.lang !== lang ? html` lang="${page.lang}"` : "";
  const main = html`<h1${pageLang}>${title}</h1>
${page ? html`<div class="prose" ${pageLang}>${raw(page.bodyHtml)}</div>` : ""}
<p><a href="${helpPath(lang, "/contact")}">${t("site.contact")}</a></p>`;
  const langs = page?.langs.length ? page.langs : [...helpLanguages];
  return renderDocument(
    shell,
    {
      title,
      description: (page && markdownToPlainText(page.bodyStart)) || title,
      path: helpPath(lang, "/complaints"),
      alternates: langs.map((l) => ({ lang: l, path: helpPath(l, "/complaints") })),
      defaultPath: helpPath(
        langs.includes(site.defaultLanguage) ? site.defaultLanguage : langs[0]!,
        "/complaints",
      ),
      switchPaths: everyLanguage("/complaints"),
    },
    main,
  );
}

import {
  renderComplaintsPage,
  renderContactPage,
  type HelpOfficeHours,
} from "../../help-center/page-contact.js";
import type { HelpLang } from "../../help-center/languages.js";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { expectedReplySeconds } from "../commands/expected-reply-time.js";
import { isOpen, nextOpening, type BusinessCalendar } from "../lib/business-hours.js";
import { findCalendar, findCalendars, toBusinessCalendar } from "../models/calendars.js";
import {
  findHelpContactInboxes,
  findHelpPageContent,
  type HelpContactInbox,
  type HelpSite,
} from "../models/help-public.js";
import { ZHelpLangParams } from "./help-public-browse.js";
import {
  helpLangOf,
  helpShell,
  loadHelpSite,
  sendHelpDocument,
  sendHelpMessage,
  viewerIdOf,
} from "./help-public-http.js";

/** At most this many email addresses are listed (each with its own reply time). */
const MAX_EMAILS = 5;

/** "Monday 09:00" (or with the date when more than six days away), in the workspace's time zone. */
function openingText(lang: HelpLang, at: Date, now: Date, timeZone: string): string {
  const isSoon = at.getTime() - now.getTime() < 6 * 24 * 3600_000;
  const options: Intl.DateTimeFormatOptions = {
    weekday: "long",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    ...(isSoon ? {} : { day: "numeric", month: "long" }),
  };
  try {
    return new Intl.DateTimeFormat(lang, { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(lang, { ...options, timeZone: "UTC", timeZoneName: "short" }).format(at);
  }
}

/** Office hours from a calendar: open now or when next, and the weekly hours (Monday first). */
export function officeHours(
  calendar: BusinessCalendar,
  lang: HelpLang,
  timeZone: string,
  now = new Date(),
): HelpOfficeHours {
  const open = isOpen(calendar, now);
  const next = open ? null : nextOpening(calendar, now);
  const week = [1, 2, 3, 4, 5, 6, 7].map((day) => ({
    day,
    spans: calendar.intervals
      .filter((i) => i.day === day)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((i) => `${i.start}–${i.end}`),
  }));
  return {
    timeZone: calendar.timeZone,
    isOpen: open,
    nextOpening: next ? openingText(lang, next, now, timeZone) : null,
    week,
  };
}

/**
 * The calendar the contact page shows: the chat inbox's when the help center has chat (none there: the
 * chat is always open, as the widget says), else one an email inbox follows, else the workspace's only
 * calendar; none when the team keeps no business hours.
 */
async function contactCalendar(
  ctx: AppContext,
  site: HelpSite,
  chatInbox: HelpContactInbox | undefined,
  emailInboxes: HelpContactInbox[],
): Promise<BusinessCalendar | null> {
  const id = chatInbox ? chatInbox.calendarId : emailInboxes.find((i) => i.calendarId)?.calendarId;
  if (chatInbox && !id) return null;
  if (id) {
    const row = await findCalendar(ctx.db, site.workspaceId, id);
    return row ? toBusinessCalendar(row) : null;
  }
  const all = await findCalendars(ctx.db, site.workspaceId);
  return all.length === 1 ? toBusinessCalendar(all[0]!) : null;
}

/**
 * `GET /help/:lang/contact` (the intro, email addresses, live chat, office hours, the usual reply time
 * from the same numbers the widget shows) and `GET /help/:lang/complaints` (the complaint procedure).
 */
export function registerHelpContactRoutes(app: ApiApp, ctx: AppContext): void {
  app.get("/:lang/contact", { schema: { hide: true, params: ZHelpLangParams } }, async (request, reply) => {
    const site = await loadHelpSite(ctx, request);
    const lang = helpLangOf(request.params.lang);
    if (!site || !lang) return sendHelpMessage(ctx, reply, site, lang);
    viewerIdOf(ctx, request, reply);
    const [intro, inboxes] = await Promise.all([
      findHelpPageContent(ctx.db, site.workspaceId, "contact", lang, site.defaultLanguage),
      findHelpContactInboxes(ctx.db, site.workspaceId, site.chatInboxId),
    ]);
    const chatInbox = inboxes.find((i) => i.channel === "chat" && i.widgetKey);
    const emailInboxes = inboxes.filter((i) => i.channel === "email" && i.address).slice(0, MAX_EMAILS);
    const [calendar, chatReply, ...emailReplies] = await Promise.all([
      contactCalendar(ctx, site, chatInbox, emailInboxes),
      chatInbox ? expectedReplySeconds(ctx.db, chatInbox.id) : null,
      ...emailInboxes.map((i) => expectedReplySeconds(ctx.db, i.id)),
    ]);
    const doc = renderContactPage(helpShell(ctx, site, lang), {
      intro,
      emails: emailInboxes.map((inbox, i) => ({
        address: inbox.address!,
        replySeconds: emailReplies[i] ?? null,
      })),
      chat: chatInbox ? { widgetKey: chatInbox.widgetKey!, replySeconds: chatReply ?? null } : null,
      hours: calendar ? officeHours(calendar, lang, site.timeZone) : null,
    });
    return sendHelpDocument(reply, doc, { hasWidget: chatInbox !== undefined });
  });

  app.get(
    "/:lang/complaints",
    { schema: { hide: true, params: ZHelpLangParams } },
    async (request, reply) => {
      const site = await loadHelpSite(ctx, request);
      const lang = helpLangOf(request.params.lang);
      if (!site || !lang) return sendHelpMessage(ctx, reply, site, lang);
      viewerIdOf(ctx, request, reply);
      const page = await findHelpPageContent(
        ctx.db,
        site.workspaceId,
        "complaints",
        lang,
        site.defaultLanguage,
      );
      return sendHelpDocument(reply, renderComplaintsPage(helpShell(ctx, site, lang), page));
    },
  );
}

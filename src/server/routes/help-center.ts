import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { Actor, AppContext } from "../context.js";
import { ensureHelpCenter } from "../commands/ensure-help-center.js";
import {
  createHelpCategory,
  deleteHelpCategory,
  updateHelpCategory,
} from "../commands/save-help-category.js";
import { createHelpSection, deleteHelpSection, updateHelpSection } from "../commands/save-help-section.js";
import { updateHelpCenter } from "../commands/update-help-center.js";
import {
  findHelpArticleStats,
  findHelpOutcomeTotals,
  findHelpSearchTotals,
  findNoResultHelpQueries,
  findTopHelpQueries,
} from "../models/help-analytics.js";
import { findHelpCategories, findHelpSections } from "../models/help-categories.js";
import { findHelpCenter } from "../models/help-centers.js";
import { helpBase } from "../presenters/help-urls.js";
import { actorOf } from "../plugins/auth.js";
import { helpCenterAbilities } from "../policies/help-center-policy.js";
import { presentHelpAnalytics, ZHelpAnalytics } from "../presenters/help-analytics-presenter.js";
import {
  byLanguage,
  presentHelpCategory,
  presentHelpCenter,
  presentHelpSection,
  ZHelpCategory,
  ZHelpCenter,
  ZHelpSection,
} from "../presenters/help-center-presenter.js";
import { ZErrorResponses, ZUuidParams } from "./schemas.js";

/**
 * Registers routes in a scope of their own whose every request first makes sure the workspace has its
 * help center (created with the starter content on first use), so no route meets a workspace without.
 */
export function helpCenterScope(app: ApiApp, ctx: AppContext, register: (scope: ApiApp) => void): void {
  void app.register(async (scope) => {
    scope.addHook("preHandler", async (request) => ensureHelpCenter(ctx.db, actorOf(request).workspaceId));
    register(scope as ApiApp);
  });
}

/** Translations in a body: at least one language. */
const atLeastOne = <T extends z.ZodType>(item: T) =>
  byLanguage(item)
    .strict()
    .refine((t) => Object.values(t).some((v) => v !== undefined), "must have at least one language");

const ZName = z.string().trim().min(1).max(200);
const ZPosition = z.number().int().min(0).max(1_000_000);
const ZCategoryTranslations = atLeastOne(
  z.strictObject({ name: ZName, description: z.string().trim().max(500).optional() }),
);
const ZSectionTranslations = atLeastOne(z.strictObject({ name: ZName }));

/** PATCH /help-center (owners and admins): null clears title, host, logo and chat inbox. */
export const ZUpdateHelpCenterBody = z.strictObject({
  title: ZName.nullable().optional(),
  host: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.-]{1,253}(:[0-9]{1,5})?$/, "must be a host name, optionally with :port")
    .nullable()
    .optional(),
  primaryColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "must be #rrggbb")
    .transform((color) => color.toLowerCase())
    .optional(),
  logoImageId: z.uuid().nullable().optional(),
  chatInboxId: z.uuid().nullable().optional(),
});

export const ZCreateHelpCategoryBody = z.strictObject({ translations: ZCategoryTranslations });
export const ZUpdateHelpCategoryBody = z.strictObject({
  translations: ZCategoryTranslations.optional(),
  position: ZPosition.optional(),
});
export const ZCreateHelpSectionBody = z.strictObject({
  categoryId: z.uuid(),
  translations: ZSectionTranslations,
});
export const ZUpdateHelpSectionBody = z.strictObject({
  categoryId: z.uuid().optional(),
  translations: ZSectionTranslations.optional(),
  position: ZPosition.optional(),
});

/** How many of the top queries, no-result queries and articles the analytics list. */
const ANALYTICS_LIST_LIMIT = 20;
const ANALYTICS_ARTICLE_LIMIT = 50;

/** /help-center: settings, categories and sections, analytics. Everyone reads; owners and admins change. */
export function registerHelpCenterRoutes(app: ApiApp, ctx: AppContext): void {
  helpCenterScope(app, ctx, (scope) => {
    const loadHelpCenter = async (actor: Actor) => {
      const center = (await findHelpCenter(ctx.db, actor.workspaceId))!;
      return presentHelpCenter(center, helpBase(ctx.env.publicUrl, center.host), helpCenterAbilities(actor));
    };
    const loadCategories = async (workspaceId: string) => {
      const categories = await findHelpCategories(ctx.db, workspaceId);
      const sections = await findHelpSections(ctx.db, workspaceId);
      return categories.map((category) => presentHelpCategory(category, sections));
    };

    scope.get(
      "/help-center",
      {
        schema: {
          tags: ["help-center"],
          summary: "The help center's settings (created with starter content on first use)",
          response: { 200: ZHelpCenter, ...ZErrorResponses },
        },
      },
      async (request) => loadHelpCenter(actorOf(request)),
    );
    scope.patch(
      "/help-center",
      {
        schema: {
          tags: ["help-center"],
          summary: "Change the help center's title, host, colour, logo or chat inbox (owners and admins)",
          body: ZUpdateHelpCenterBody,
          response: { 200: ZHelpCenter, ...ZErrorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await updateHelpCenter(ctx.db, actor, request.body);
        return loadHelpCenter(actor);
      },
    );

    scope.get(
      "/help-center/categories",
      {
        schema: {
          tags: ["help-center"],
          summary: "Categories with their sections, in order",
          response: { 200: z.object({ data: z.array(ZHelpCategory) }), ...ZErrorResponses },
        },
      },
      async (request) => ({ data: await loadCategories(actorOf(request).workspaceId) }),
    );
    scope.post(
      "/help-center/categories",
      {
        schema: {
          tags: ["help-center"],
          summary: "Add a category, last (owners and admins)",
          body: ZCreateHelpCategoryBody,
          response: { 201: ZHelpCategory, ...ZErrorResponses },
        },
      },
      async (request, reply) => {
        const category = await createHelpCategory(ctx.db, actorOf(request), request.body);
        return reply.status(201).send(presentHelpCategory(category, []));
      },
    );
    scope.patch(
      "/help-center/categories/:id",
      {
        schema: {
          tags: ["help-center"],
          summary: "Rename a category in some languages or move it (owners and admins)",
          params: ZUuidParams,
          body: ZUpdateHelpCategoryBody,
          response: { 200: ZHelpCategory, ...ZErrorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const category = await updateHelpCategory(ctx.db, actor, request.params.id, request.body);
        return presentHelpCategory(category, await findHelpSections(ctx.db, actor.workspaceId, category.id));
      },
    );
    scope.delete(
      "/help-center/categories/:id",
      {
        schema: {
          tags: ["help-center"],
          summary: "Delete a category and its sections; 409 not_empty while they hold articles",
          params: ZUuidParams,
          response: { 204: z.null(), ...ZErrorResponses },
        },
      },
      async (request, reply) => {
        await deleteHelpCategory(ctx.db, actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    scope.post(
      "/help-center/sections",
      {
        schema: {
          tags: ["help-center"],
          summary: "Add a section, last in its category (owners and admins)",
          body: ZCreateHelpSectionBody,
          response: { 201: ZHelpSection, ...ZErrorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(presentHelpSection(await createHelpSection(ctx.db, actorOf(request), request.body))),
    );
    scope.patch(
      "/help-center/sections/:id",
      {
        schema: {
          tags: ["help-center"],
          summary: "Rename a section, move it to another category or reorder it (owners and admins)",
          params: ZUuidParams,
          body: ZUpdateHelpSectionBody,
          response: { 200: ZHelpSection, ...ZErrorResponses },
        },
      },
      async (request) =>
        presentHelpSection(
          await updateHelpSection(ctx.db, actorOf(request), request.params.id, request.body),
        ),
    );
    scope.delete(
      "/help-center/sections/:id",
      {
        schema: {
          tags: ["help-center"],
          summary: "Delete a section; 409 not_empty while it holds articles",
          params: ZUuidParams,
          response: { 204: z.null(), ...ZErrorResponses },
        },
      },
      async (request, reply) => {
        await deleteHelpSection(ctx.db, actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    scope.get(
      "/help-center/analytics",
      {
        schema: {
          tags: ["help-center"],
          summary: "Searches, click-through, views, feedback, contacts and deflections of the last days",
          querystring: z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }),
          response: { 200: ZHelpAnalytics, ...ZErrorResponses },
        },
      },
      async (request) => {
        const { workspaceId } = actorOf(request);
        const { days } = request.query;
        return presentHelpAnalytics({
          days,
          totals: await findHelpSearchTotals(ctx.db, workspaceId, days),
          topQueries: await findTopHelpQueries(ctx.db, workspaceId, days, ANALYTICS_LIST_LIMIT),
          noResultQueries: await findNoResultHelpQueries(ctx.db, workspaceId, days, ANALYTICS_LIST_LIMIT),
          articles: await findHelpArticleStats(ctx.db, workspaceId, days, ANALYTICS_ARTICLE_LIMIT),
          outcomes: await findHelpOutcomeTotals(ctx.db, workspaceId, days),
        });
      },
    );
  });
}

import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { Actor, AppContext } from "../context.js";
import { findConversations } from "../commands/find-conversations.js";
import { updateCustomer } from "../commands/update-customer.js";
import type { Database } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { findCustomer, findCustomers } from "../models/customers.js";
import { findCustomerIdentities } from "../models/identities.js";
import { actorOf } from "../plugins/auth.js";
import { presentConversationItem, ZConversationItem } from "../presenters/conversation-presenter.js";
import { decodeCursor, encodeCursor } from "../presenters/cursor.js";
import {
  customerSummaryFrom,
  presentCustomer,
  presentIdentity,
  ZCustomer,
  ZIdentity,
} from "../presenters/customer-presenter.js";
import { findMatchingCustomerIds } from "../search/customer-search.js";
import { listOf, ZErrorResponses, ZLanguage, ZPageQuery, ZUuidParams } from "./schemas.js";

/** How many of a customer's conversations the customer page shows. */
const CUSTOMER_CONVERSATIONS = 20;

/** The customer page: the record, every identity and the recent conversations the actor sees. */
export const ZCustomerDetail = ZCustomer.extend({
  identities: z.array(ZIdentity),
  conversations: z.array(ZConversationItem),
});

/** GET /customers: recent customers page by page, or the best matches for `q`. */
export const ZListCustomersQuery = z.object({ q: z.string().max(200).optional(), ...ZPageQuery });

/** PATCH /customers/:id: corrections an agent may make; null clears a value. */
export const ZUpdateCustomerBody = z.strictObject({
  name: z.string().trim().max(200).nullable().optional(),
  language: ZLanguage.nullable().optional(),
});

/** The customer page: record, identities and the recent conversations the actor may see. */
async function loadCustomer(
  db: Database,
  actor: Actor,
  id: string,
): Promise<z.infer<typeof ZCustomerDetail>> {
  const customer = await findCustomer(db, actor.workspaceId, id);
  if (!customer) throw notFound("Customer");
  const identities = await findCustomerIdentities(db, id);
  const { rows } = await findConversations(db, actor, { customerId: id, limit: CUSTOMER_CONVERSATIONS });
  return {
    ...presentCustomer(customerSummaryFrom(customer, identities)),
    identities: identities.map(presentIdentity),
    conversations: rows.map(presentConversationItem),
  };
}

/** /customers: find, read and correct customers of the workspace. */
export function registerCustomersRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/customers",
    {
      schema: {
        tags: ["customers"],
        summary:
          "Customers, most recently seen first; q finds them by name (word prefixes), email, phone or number",
        querystring: ZListCustomersQuery,
        response: { 200: listOf(ZCustomer), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { q, limit, cursor } = request.query;
      const text = q?.trim();
      if (text) {
        // A search answers its best `limit` matches; there is no next page.
        const ids = await findMatchingCustomerIds(ctx.db, actor.workspaceId, text, limit);
        const rows = ids.length
          ? await findCustomers(ctx.db, actor.workspaceId, { limit, matchingIds: ids })
          : [];
        return { data: rows.map(presentCustomer), nextCursor: null };
      }
      const after = cursor ? decodeCursor(cursor) : undefined;
      const rows = await findCustomers(ctx.db, actor.workspaceId, { limit: limit + 1, after });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null;
      return { data: page.map(presentCustomer), nextCursor };
    },
  );

  app.get(
    "/customers/:id",
    {
      schema: {
        tags: ["customers"],
        summary: "One customer with number, identities and the recent conversations you can see",
        params: ZUuidParams,
        response: { 200: ZCustomerDetail, ...ZErrorResponses },
      },
    },
    async (request) => loadCustomer(ctx.db, actorOf(request), request.params.id),
  );

  app.patch(
    "/customers/:id",
    {
      schema: {
        tags: ["customers"],
        summary: "Correct a customer's name or preferred language",
        params: ZUuidParams,
        body: ZUpdateCustomerBody,
        response: { 200: ZCustomerDetail, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await updateCustomer(ctx.db, actor, request.params.id, request.body);
      return loadCustomer(ctx.db, actor, request.params.id);
    },
  );
}

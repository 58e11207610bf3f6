import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { CUSTOMER_MATCHES, findConversations } from "../commands/find-conversations.js";
import { findCustomers } from "../models/customers.js";
import { actorOf } from "../plugins/auth.js";
import { presentConversationItem, ZConversationItem } from "../presenters/conversation-presenter.js";
import { presentCustomer, ZCustomer } from "../presenters/customer-presenter.js";
import { findMatchingCustomerIds } from "../search/customer-search.js";
import { ZErrorResponses } from "./schemas.js";

/** GET /search: q is required; at most 50 of each kind. */
export const ZSearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** /search: conversations and customers matching q, within what the actor may see. */
export function registerSearchRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/search",
    {
      schema: {
        tags: ["search"],
        summary:
          "Conversations (by their text in any of the four languages, or their customer) and customers matching q",
        querystring: ZSearchQuery,
        response: {
          200: z.object({ conversations: z.array(ZConversationItem), customers: z.array(ZCustomer) }),
          ...ZErrorResponses,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { q, limit } = request.query;
      const customerIds = await findMatchingCustomerIds(ctx.db, actor.workspaceId, q, CUSTOMER_MATCHES);
      const { rows } = await findConversations(ctx.db, actor, { q, qCustomerIds: customerIds, limit });
      const ids = customerIds.slice(0, limit);
      const customers = ids.length
        ? await findCustomers(ctx.db, actor.workspaceId, { limit, matchingIds: ids })
        : [];
      return {
        conversations: rows.map(presentConversationItem),
        customers: customers.map(presentCustomer),
      };
    },
  );
}

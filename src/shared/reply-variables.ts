/**
 * Every variable a saved reply may use (docs/saved-replies.md), in the order the editor offers them:
 * one list for the server, which fills them, and the web app, which offers and names them.
 */
export const VARIABLE_NAMES = [
  "customer.name",
  "customer.firstName",
  "customer.email",
  "customer.phone",
  "customer.number",
  "conversation.number",
  "conversation.subject",
  "agent.name",
  "agent.firstName",
  "agent.email",
  "inbox.name",
  "inbox.email",
  "order.number",
  "reply.expectedTime",
  "inbox.officeHours",
] as const;

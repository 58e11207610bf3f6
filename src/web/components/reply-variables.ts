/**
 * The variables a saved reply may use (docs/saved-replies.md), in the order the editor offers them, and
 * their names in the reader's language: the editor lists them, the composer names those left empty.
 */
export const replyVariables = [
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

type T = (key: string) => string;

/** "Customer's first name" for `customer.firstName`; the name itself for one this version does not know. */
export function variableLabel(name: string, t: T): string {
  const key = `variables.${name}`;
  const label = t(key);
  return label === key ? name : label;
}

/** How a variable is written in a reply: `{{ customer.firstName }}`. */
export const variableSyntax = (name: string): string => `{{ ${name} }}`;

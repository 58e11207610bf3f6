import { VARIABLE_NAMES } from "../../shared/reply-variables.js";

/**
 * The variables a saved reply may use (the list the server fills, src/shared/reply-variables.ts) and
 * their names in the reader's language: the editor lists them, the composer names those left empty.
 */
export const replyVariables = VARIABLE_NAMES;

type T = (key: string) => string;

/** "Customer's first name" for `customer.firstName`; the name itself for one this version does not know. */
export function variableLabel(name: string, t: T): string {
  const key = `variables.${name}`;
  const label = t(key);
  return label === key ? name : label;
}

/** How a variable is written in a reply: `{{ customer.firstName }}`. */
export const variableSyntax = (name: string): string => `{{ ${name} }}`;

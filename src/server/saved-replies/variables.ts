/**
 * The variables of saved replies: `{{ customer.firstName }}` or, with a fallback used when the value is
 * missing, `{{ customer.firstName | "there" }}` (`\"` puts a quote inside the fallback, `\\` a
 * backslash). Spaces inside the braces are optional. A `{{` that does not start a well-formed variable is
 * ordinary text and stays as written. Pure functions: the values come from variable-values.ts.
 */

import { VARIABLE_NAMES } from "../../shared/reply-variables.js";

export { VARIABLE_NAMES };

export type VariableName = (typeof VARIABLE_NAMES)[number];

/** Values for a rendering; a missing, null or empty value counts as missing. */
export type VariableValues = Partial<Record<VariableName, string | null>>;

const known: ReadonlySet<string> = new Set(VARIABLE_NAMES);

/** Whether `name` is one of the variables. */
export const isVariableName = (name: string): name is VariableName => known.has(name);

/** A piece of a template: text as written, or a variable with its fallback (null: none). */
export type TemplatePart =
  | { kind: "text"; text: string }
  | { kind: "variable"; name: string; fallback: string | null; source: string };

// Anchored at the `{{` being looked at: a dotted name, then optionally `| "fallback"`, then `}}`.
const VARIABLE =
  /\{\{[ \t]*([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)[ \t]*(?:\|[ \t]*"((?:[^"\\]|\\.)*)"[ \t]*)?\}\}/y;

/** Splits a template into text and variables, in order. */
export function parseTemplate(body: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = "";
  let i = 0;
  while (i < body.length) {
    const open = body.indexOf("{{", i);
    if (open === -1) break;
    VARIABLE.lastIndex = open;
    const match = VARIABLE.exec(body);
    if (!match) {
      // Not a variable: keep one brace as text and look again from the next one ("{{{ x }}").
      text += body.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    text += body.slice(i, open);
    if (text) parts.push({ kind: "text", text });
    text = "";
    const fallback = match[2] === undefined ? null : match[2].replace(/\\(.)/gs, "$1");
    parts.push({ kind: "variable", name: match[1]!, fallback, source: match[0] });
    i = VARIABLE.lastIndex;
  }
  text += body.slice(i);
  if (text) parts.push({ kind: "text", text });
  return parts;
}

/** The names a template uses that are not variables, each once, in order of appearance. */
export function validateTemplate(body: string): string[] {
  const unknown: string[] = [];
  for (const part of parseTemplate(body)) {
    if (part.kind === "variable" && !isVariableName(part.name) && !unknown.includes(part.name))
      unknown.push(part.name);
  }
  return unknown;
}

/** The variable names a template uses, each once. */
export function templateVariables(body: string): string[] {
  const names = parseTemplate(body).flatMap((part) => (part.kind === "variable" ? [part.name] : []));
  return [...new Set(names)];
}

/**
 * Fills a template: each variable becomes its value, else its fallback, else nothing. `missing` lists
 * (once each, in order) the variables that had neither, so the agent can fill them in by hand.
 */
export function renderTemplate(body: string, values: VariableValues): { body: string; missing: string[] } {
  const missing: string[] = [];
  let out = "";
  for (const part of parseTemplate(body)) {
    if (part.kind === "text") {
      out += part.text;
      continue;
    }
    const value = isVariableName(part.name) ? values[part.name] : undefined;
    if (value) out += value;
    else if (part.fallback !== null) out += part.fallback;
    else if (!missing.includes(part.name)) missing.push(part.name);
  }
  return { body: out, missing };
}

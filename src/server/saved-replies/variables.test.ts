import { describe, expect, it } from "vitest";
import { parseTemplate, renderTemplate, templateVariables, validateTemplate } from "./variables.js";

describe("parseTemplate", () => {
  it("reads variables with and without spaces and fallbacks", () => {
    expect(parseTemplate('Hi {{customer.firstName}}, {{ agent.name | "the team" }}!')).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "variable", name: "customer.firstName", fallback: null, source: "{{customer.firstName}}" },
      { kind: "text", text: ", " },
      {
        kind: "variable",
        name: "agent.name",
        fallback: "the team",
        source: '{{ agent.name | "the team" }}',
      },
      { kind: "text", text: "!" },
    ]);
  });

  it('unescapes \\" and \\\\ inside a fallback', () => {
    const [part] = parseTemplate('{{ customer.name|"the \\"customer\\" \\\\ you" }}');
    expect(part).toMatchObject({ kind: "variable", fallback: 'the "customer" \\ you' });
  });

  it("keeps a {{ without a valid closing as text", () => {
    for (const body of [
      "{{ customer.name",
      "{{ customer.name }",
      "{{ customer.name | there }}",
      '{{ customer.name | "open }}',
      "{{ 1abc }}",
      "{{ customer..name }}",
      "{{}}",
      "a {{ b",
    ]) {
      expect(parseTemplate(body)).toEqual([{ kind: "text", text: body }]);
      expect(renderTemplate(body, {}).body).toBe(body);
    }
  });

  it("finds a variable right after stray braces", () => {
    expect(renderTemplate("{{{ customer.name }}}", { "customer.name": "Ana" }).body).toBe("{Ana}");
    expect(renderTemplate("{{ {{ customer.name }}", { "customer.name": "Ana" }).body).toBe("{{ Ana");
  });
});

describe("validateTemplate", () => {
  it("returns the unknown names once each, in order", () => {
    expect(validateTemplate('{{ foo }} {{ customer.firstName }} {{ bar | "x" }} {{ foo }}')).toEqual([
      "foo",
      "bar",
    ]);
    expect(validateTemplate("Hello {{ customer.firstname }}")).toEqual(["customer.firstname"]);
    expect(validateTemplate("No variables, {{ not one")).toEqual([]);
  });

  it("lists the variables a template uses", () => {
    expect(templateVariables("{{ order.number }} {{ order.number }} {{ inbox.name }}")).toEqual([
      "order.number",
      "inbox.name",
    ]);
  });
});

describe("renderTemplate", () => {
  it("uses the value, else the fallback, else nothing and lists it as missing", () => {
    const rendered = renderTemplate(
      'Hi {{ customer.firstName | "there" }}, order {{ order.number }} ({{ order.number }}), {{ agent.name }}',
      { "customer.firstName": "", "order.number": null, "agent.name": "Marko" },
    );
    expect(rendered).toEqual({ body: "Hi there, order  (), Marko", missing: ["order.number"] });
  });

  it("prefers the value over the fallback", () => {
    expect(renderTemplate('{{ customer.firstName | "there" }}', { "customer.firstName": "Ana" })).toEqual({
      body: "Ana",
      missing: [],
    });
  });

  it("renders an unknown name as missing (a template saved before a variable was renamed)", () => {
    expect(renderTemplate("x{{ gone.away }}y", {})).toEqual({ body: "xy", missing: ["gone.away"] });
  });
});

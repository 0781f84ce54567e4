import { describe, expect, it } from "vitest";
import { findPlaceholders, renderTemplate } from "./template-placeholders.js";

describe("findPlaceholders", () => {
  it("finds double and triple placeholders, with spaces", () => {
    const { placeholders, errors } = findPlaceholders("Hi {{ user.name }}, {{{link}}} {{portal.title}}");
    expect(errors).toEqual([]);
    expect(placeholders.map((p) => [p.name, p.raw])).toEqual([
      ["user.name", false],
      ["link", true],
      ["portal.title", false],
    ]);
  });

  it("rejects sections, partials, bad names and unterminated braces", () => {
    expect(findPlaceholders("{{#items}}x{{/items}}").errors).toHaveLength(2);
    expect(findPlaceholders("{{> footer}}").errors).toEqual([
      '"{{> footer}}": only {{variable}} placeholders are supported',
    ]);
    expect(findPlaceholders("{{user..name}}").errors).toEqual([
      '"{{user..name}}" is not a valid placeholder name',
    ]);
    expect(findPlaceholders("Hello {{user.name").errors).toEqual(['unterminated "{{"']);
  });
});

describe("renderTemplate", () => {
  const values = { "user.name": "<Ann & Bob>", link: "https://x.example/?a=1&b=2" };

  it("escapes {{x}} in HTML but not {{{x}}}", () => {
    expect(renderTemplate("<p>{{user.name}}</p><a href='{{{link}}}'>", values, { html: true })).toBe(
      "<p>&lt;Ann &amp; Bob&gt;</p><a href='https://x.example/?a=1&b=2'>",
    );
  });

  it("inserts values as they are in text", () => {
    expect(renderTemplate("Hi {{user.name}}: {{link}}", values, { html: false })).toBe(
      "Hi <Ann & Bob>: https://x.example/?a=1&b=2",
    );
  });

  it("throws on a variable without a value instead of leaving a blank", () => {
    expect(() => renderTemplate("Hi {{user.email}}", values, { html: false })).toThrow(/user\.email/);
  });
});

import { describe, expect, it } from "vitest";
import { unsafeHtmlProblems } from "./html-safety.fixture.js";
import { slugify } from "./heading-ids.js";
import { isSafeLinkTarget } from "./link-policy.js";
import { renderMarkdown } from "./markdown.js";

describe("renderMarkdown", () => {
  it("renders headings with ids, unique within a document", () => {
    expect(renderMarkdown("# Getting started!\n\n## Usage\n\n## Usage\n\n### `code` and *more*")).toBe(
      [
        '<h1 id="getting-started">Getting started!</h1>',
        '<h2 id="usage">Usage</h2>',
        '<h2 id="usage-1">Usage</h2>',
        '<h3 id="code-and-more"><code>code</code> and <em>more</em></h3>',
        "",
      ].join("\n"),
    );
    // each render starts afresh
    expect(renderMarkdown("## Usage")).toBe('<h2 id="usage">Usage</h2>\n');
  });

  it("slugifies any script and never leaves an empty id", () => {
    expect(slugify("Größe & Gewicht")).toBe("größe-gewicht");
    expect(slugify("  API -- v2 ")).toBe("api-v2");
    expect(slugify("!!!")).toBe("section");
  });

  it("marks links noopener noreferrer, without a target", () => {
    expect(renderMarkdown("[Contact](/content/contact)")).toBe(
      '<p><a href="/content/contact" rel="noopener noreferrer">Contact</a></p>\n',
    );
    expect(renderMarkdown("See https://status.acme.example.")).toBe(
      '<p>See <a href="https://status.acme.example" rel="noopener noreferrer">https://status.acme.example</a>.</p>\n',
    );
    expect(renderMarkdown("<mailto:api-team@acme.example>")).toContain(
      '<a href="mailto:api-team@acme.example" rel="noopener noreferrer">',
    );
  });

  it("keeps http, https, mailto and relative links", () => {
    const html = renderMarkdown(
      "[a](http://a.example) [b](https://b.example/x?y=1#z) [c](mailto:c@c.example) [d](/apis/orders) [e](#top) [f](guide.md) [g](../up) [h](?page=2)",
    );
    expect(html.match(/<a /g)).toHaveLength(8);
    expect(unsafeHtmlProblems(html)).toEqual([]);
  });

  it("renders the sample's tables and code blocks", () => {
    const html = renderMarkdown(
      "| Scope | Allows |\n| --- | :-: |\n| `a` | b |\n\n```sh\ncurl -H 'X: 1' x\n```",
    );
    expect(html).toContain("<table>");
    expect(html).toContain('<th style="text-align:center">Allows</th>');
    expect(html).toContain("<pre><code class=\"language-sh\">curl -H 'X: 1' x\n</code></pre>");
    expect(unsafeHtmlProblems(html)).toEqual([]);
  });
});

describe("isSafeLinkTarget", () => {
  it.each([
    "https://a.example",
    "HTTP://A.EXAMPLE",
    "mailto:a@b.example",
    "/content/contact",
    "#section",
    "relative/page",
    "//cdn.example/x",
    "?q=a:b",
    "/path/with:colon",
  ])("allows %s", (url) => expect(isSafeLinkTarget(url)).toBe(true));

  it.each([
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "\u0001javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,x",
    "data:image/png;base64,AAAA",
    "file:///etc/passwd",
    "ftp://files.example",
    "tel:+123",
    "java%09script:alert(1)",
    "%6A%61vascript:alert(1)",
  ])("refuses %s", (url) => expect(isSafeLinkTarget(url)).toBe(false));
});

import { describe, expect, it } from "vitest";
import { unsafeHtmlProblems } from "./html-safety.fixture.js";
import { renderMarkdown, renderPlainText } from "./markdown.js";

/**
 * Real cross-site scripting payloads (OWASP filter evasion cheat sheet, markdown-specific ones from public
 * markdown-XSS lists), written the way an attacker would put them into an API description, a content page or an
 * application description. None may survive as a tag, an attribute, an event handler or a live link.
 */
const payloads: readonly string[] = [
  // raw HTML
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  '<img src="x" onerror="alert(document.cookie)">',
  "<svg/onload=alert(1)>",
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="&#x6A;avascript:alert(1)">click</a>',
  "<details open ontoggle=alert(1)>",
  '<object data="javascript:alert(1)"></object>',
  '<base href="javascript:/">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<div\nonmouseover=alert(1)>hover</div>",
  // comments and styles
  "<!-- <script>alert(1)</script> -->",
  "<!--><img src=x onerror=alert(1)>-->",
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div style="width: expression(alert(1))">x</div>',
  "<style>body{background:url(javascript:alert(1))}</style>",
  // markdown links with dangerous schemes
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](  javascript:alert(1)  )",
  "[click](<javascript:alert(1)>)",
  "[click](javascript://%0aalert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](data:text/html,<script>alert(1)</script>)",
  "[click](file:///etc/passwd)",
  // entity- and percent-encoded schemes
  "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
  "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
  "[click](javascript&#58;alert(1))",
  "[click](javascript&colon;alert(1))",
  "[click](&#0000106avascript:alert(1))",
  "[click](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
  "[click](java&#x09;script:alert(1))",
  "[click](&#x0D;javascript:alert(1))",
  // autolinks and bare URLs
  "<javascript:alert(1)>",
  "<JAVASCRIPT:alert(1)>",
  "<vbscript:msgbox(1)>",
  "<data:text/html,<script>alert(1)</script>>",
  '<http://a.example/"onmouseover="alert(1)>',
  'www.example.com/"onmouseover="alert(1)',
  "javascript:alert(1)",
  // reference links and images
  "[click][ref]\n\n[ref]: javascript:alert(1)",
  '[click][ref]\n\n[ref]: &#106;avascript:alert(1) "title"',
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "![x](data:image/png;base64,iVBORw0KGgo=)",
  '![x" onerror="alert(1)](https://img.example/a.png)',
  // attribute break-outs
  '[click](https://ok.example "x\\" onmouseover=\\"alert(1)")',
  "[click](https://ok.example \"x' onclick='alert(1)\")",
  "[<img src=x onerror=alert(1)>](https://ok.example)",
  '```js" onclick="alert(1)\ncode\n```',
  '```"><script>alert(1)</script>\ncode\n```',
  "# <script>alert(1)</script>",
  "`<script>alert(1)</script>`",
];

describe("markdown rendering against XSS payloads", () => {
  it.each(payloads)("neutralizes %s", (payload) => {
    const html = renderMarkdown(payload);
    expect(unsafeHtmlProblems(html), html).toEqual([]);
    expect(html).not.toMatch(/<script|<svg|<iframe|<object|<style|<!--/i);
    expect(html).not.toMatch(/href="\s*(javascript|vbscript|data|file):/i);
  });

  it("neutralizes every payload in one document too", () => {
    const html = renderMarkdown(payloads.join("\n\n"));
    expect(unsafeHtmlProblems(html)).toEqual([]);
  });

  it("keeps dangerous links as text, without a link", () => {
    for (const payload of [
      "[click](javascript:alert(1))",
      "<javascript:alert(1)>",
      "[x](JaVaScRiPt:alert(1))",
    ]) {
      expect(renderMarkdown(payload)).not.toContain("<a ");
    }
    expect(renderMarkdown("![x](javascript:alert(1))")).toBe("<p>![x](javascript:alert(1))</p>\n");
    expect(renderMarkdown("[x](&#0000106avascript:alert(1))")).toBe(
      "<p>[x](&amp;#0000106avascript:alert(1))</p>\n",
    );
  });

  it("the safety check itself catches unsafe HTML", () => {
    expect(unsafeHtmlProblems('<a href="javascript:alert(1)">x</a>')).not.toEqual([]);
    expect(unsafeHtmlProblems('<img src="x" onerror="alert(1)">')).not.toEqual([]);
    expect(unsafeHtmlProblems("<script>alert(1)</script>")).not.toEqual([]);
    expect(unsafeHtmlProblems('<p style="color:red">x</p>')).not.toEqual([]);
    expect(unsafeHtmlProblems("<p>x</p><!-- c -->")).not.toEqual([]);
    expect(unsafeHtmlProblems('<a href="https://ok.example" target="_blank">x</a>')).not.toEqual([]);
  });
});

describe("plain text rendering", () => {
  it.each(payloads)("escapes %s", (payload) => {
    const html = renderPlainText(payload);
    expect(html).not.toContain("<");
    expect(html).not.toContain(">");
    expect(html).not.toMatch(/["']/);
  });

  it("changes nothing else", () => {
    expect(renderPlainText("Tom & Jerry's *app* <b>")).toBe("Tom &amp; Jerry&#039;s *app* &lt;b&gt;");
  });
});

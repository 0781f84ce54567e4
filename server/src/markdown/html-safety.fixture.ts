import { isSafeLinkTarget } from "./link-policy.js";

/** Checked twice, by the policy under test and by an independent blunt rule, so a bug in one is caught. */
function isHarmlessTarget(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  const squeezed = value.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
  const blunt =
    /^(https?:|mailto:|[/#?.]|[^:]*$)/.test(squeezed) && !/(javascript|vbscript|data):/.test(squeezed);
  return blunt && isSafeLinkTarget(value);
}

/** Tags markdown-it can produce from markdown (html: false), with the attributes each may carry. */
const allowedTags: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "title", "rel"],
  img: ["src", "alt", "title"],
  code: ["class"],
  ol: ["start"],
  th: ["style"],
  td: ["style"],
  ...Object.fromEntries(["h1", "h2", "h3", "h4", "h5", "h6"].map((h) => [h, ["id"]])),
  ...Object.fromEntries(
    [
      "p",
      "em",
      "strong",
      "s",
      "ul",
      "li",
      "blockquote",
      "pre",
      "hr",
      "br",
      "table",
      "thead",
      "tbody",
      "tr",
    ].map((tag) => [tag, []]),
  ),
};

const tagPattern = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*(\/?)>/g;
const attributePattern = /\s+([a-zA-Z-]+)="([^"<>]*)"/g;

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * Problems that would make `html` unsafe to insert into a page: a tag or attribute outside what markdown renders,
 * an event handler, a `style` other than table alignment, a link or image target with a scheme other than http,
 * https or mailto, or a `<` that does not start a well-formed allowed tag (so no tag can hide from this check).
 * Empty when the HTML is safe. For tests of every place that renders markdown or user text.
 */
export function unsafeHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  let rest = html;
  for (const match of html.matchAll(tagPattern)) {
    rest = rest.replace(match[0], "");
    const [, , rawName = "", attributes = ""] = match;
    const name = rawName.toLowerCase();
    const allowed = allowedTags[name];
    if (!allowed) {
      problems.push(`tag <${name}>`);
      continue;
    }
    for (const [, attribute = "", rawValue = ""] of attributes.matchAll(attributePattern)) {
      const value = decodeAttribute(rawValue);
      if (!allowed.includes(attribute.toLowerCase())) problems.push(`attribute ${attribute} on <${name}>`);
      if ((attribute === "href" || attribute === "src") && value !== "" && !isHarmlessTarget(value))
        problems.push(`${attribute}="${value}"`);
      if (attribute === "style" && !/^text-align:(left|right|center)$/.test(value))
        problems.push(`style="${value}"`);
      if (attribute === "class" && !/^language-[^\s]*$/.test(value)) problems.push(`class="${value}"`);
    }
  }
  if (rest.includes("<")) problems.push(`a "<" outside an allowed tag: ${rest.slice(rest.indexOf("<"), 60)}`);
  return problems;
}

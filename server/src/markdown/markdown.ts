import MarkdownIt from "markdown-it";
import { headingIds } from "./heading-ids.js";
import { linkAttributes } from "./link-attributes.js";
import { isSafeLinkTarget } from "./link-policy.js";

/**
 * The one markdown renderer of the portal, for configuration text (API descriptions, plan descriptions, content
 * pages) and for text users type (application descriptions):
 *
 * - `html: false`: raw HTML in the source (`<script>`, `<img onerror>`, comments, `style` attributes) is escaped
 *   and shows as text; nothing the author writes becomes a tag or an attribute.
 * - link and image targets must be http, https, mailto or relative ({@link isSafeLinkTarget}); others render as
 *   plain text (links) or without a source (images).
 * - bare URLs become links (`linkify`), every link gets `rel="noopener noreferrer"` and never a `target`.
 * - headings get ids from their text.
 *
 * markdown-it is synchronous and keeps no state between renders, so one instance serves every caller.
 */
const renderer = new MarkdownIt("default", { html: false, linkify: true, typographer: false });
renderer.validateLink = isSafeLinkTarget;
renderer.use(headingIds).use(linkAttributes);

/** Markdown to HTML that is safe to insert into a page as is. */
export function renderMarkdown(text: string): string {
  return renderer.render(text, {});
}

const htmlEscapes: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#039;",
};

/** Text shown as typed: HTML-escaped (also quotes, so it is safe in attribute values), nothing else. */
export function renderPlainText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

/** The only URL schemes a rendered link or image may use; everything else (javascript:, data:, vbscript:, ...) is dropped. */
const allowedSchemes: ReadonlySet<string> = new Set(["http", "https", "mailto"]);

/**
 * Characters that browsers ignore inside or around a URL before they look for its scheme (ASCII whitespace and C0
 * controls, DEL). They are removed before the check, so `java\tscript:` cannot slip through.
 */
// eslint-disable-next-line no-control-regex
const ignoredCharacters = /[\u0000-\u0020\u007f]/g;

const schemePattern = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Whether a link or image target may be rendered: an `http:`, `https:` or `mailto:` URL, or a relative one
 * (`/content/contact`, `#top`, `guide.md`, `//host/path`). `url` is the target as markdown-it hands it over: entity
 * references already decoded, so `&#106;avascript:` arrives as `javascript:`.
 *
 * A target without a recognisable scheme that contains a colon anyway (`%6Aavascript:`, `&#0000106avascript:`) is
 * refused unless it starts like a path (`/`, `#`, `?`, `.`), rather than guessing how a browser would read it.
 */
export function isSafeLinkTarget(url: string): boolean {
  const cleaned = url.replace(ignoredCharacters, "");
  const scheme = schemePattern.exec(cleaned);
  if (scheme) return allowedSchemes.has((scheme[1] ?? "").toLowerCase());
  return !cleaned.includes(":") || /^[/#?.]/.test(cleaned);
}

/**
 * Markdown descriptions start their headings at h1, but they sit under a page's own h1 and a section's h2. Shifts
 * every heading of the server's (sanitized) HTML so that its highest one becomes `top` (never beyond h6).
 */
export function demoteHeadings(html: string, top: number): string {
  const levels = [...html.matchAll(/<h([1-6])\b/gi)].map((match) => Number(match[1]));
  if (levels.length === 0) return html;
  const shift = Math.max(0, top - Math.min(...levels));
  if (shift === 0) return html;
  return html.replace(
    /<(\/?)h([1-6])\b/gi,
    (_match, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + shift)}`,
  );
}

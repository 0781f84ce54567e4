import type { MarkdownIt } from "markdown-it";

/** Per-render memory of the ids already given, so two "Usage" headings become `usage` and `usage-1`. */
interface HeadingIdEnv {
  headingIds?: Map<string, number>;
}

/** `## Getting started!` → `getting-started`: letters and digits (any script), single dashes, lower case. */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/[\s_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "section" : slug;
}

/**
 * A markdown-it plugin that gives every heading an `id` from its text, unique within one rendered document, so
 * pages can link to sections (`[see](#getting-started)`). Ids only ever contain letters, digits and dashes.
 */
export function headingIds(md: MarkdownIt): void {
  md.core.ruler.push("heading_ids", (state) => {
    const env = state.env as HeadingIdEnv;
    const used = (env.headingIds ??= new Map<string, number>());
    const tokens = state.tokens;
    tokens.forEach((token, index) => {
      if (token.type !== "heading_open") return;
      const inline = tokens[index + 1];
      const text = (inline?.children ?? [])
        .filter((child) => child.type === "text" || child.type === "code_inline")
        .map((child) => child.content)
        .join("");
      const base = slugify(text);
      const seen = used.get(base) ?? 0;
      used.set(base, seen + 1);
      token.attrSet("id", seen === 0 ? base : `${base}-${seen}`);
    });
  });
}

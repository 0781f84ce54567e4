import { splitFrontMatter } from "./front-matter.js";
import type { LoadContext } from "./load-context.js";
import { readStructuredFile, readText } from "./load-context.js";
import type { Located } from "./located.js";
import { idSchema } from "./schemas/common.schema.js";
import { contentFrontMatterSchema } from "./schemas/content.schema.js";
import type { ContentPage } from "./static-config.types.js";
import { validateObject } from "./validate-object.js";

/** The pages the portal links to from every page; they must exist and be public. */
export const requiredPages = ["contact", "privacy-policy", "terms-and-conditions"] as const;

export type LoadedPage = Located<Partial<ContentPage>> & { readonly id: string };

/** Reads `content/**\/*.md` (front matter + markdown). Other files under `content/` are left alone. */
export function readContentSection(context: LoadContext): LoadedPage[] {
  const pages: LoadedPage[] = [];
  for (const file of context.files.keys()) {
    if (!file.startsWith("content/") || !file.endsWith(".md")) continue;
    const id = file.slice("content/".length, -".md".length);
    if (!id.split("/").every((segment) => idSchema.safeParse(segment).success)) {
      context.problems.push({
        file,
        path: "",
        message: "page names must be lowercase letters, digits, '-' or '_'",
      });
      continue;
    }
    const text = readText(context, file);
    if (text === undefined) continue;
    const split = splitFrontMatter(text);
    if (!split) {
      context.problems.push({
        file,
        path: "",
        line: 1,
        message: "missing front matter: start the page with ---, title: …, and another ---",
      });
      continue;
    }
    const prefix = `content.${id.replaceAll("/", ".")}`;
    const reporter = readStructuredFile(context, file, {
      prefix,
      text: split.frontMatter,
      lineOffset: split.lineOffset,
    });
    if (reporter.source.data === undefined) continue;
    const frontMatter = validateObject(contentFrontMatterSchema, reporter.source.data ?? {}, reporter);
    pages.push({ id, value: { id, ...frontMatter, markdown: split.body }, reporter, path: [] });
  }
  for (const page of requiredPages) {
    if (!pages.some((loaded) => loaded.id === page) && !context.files.has(`content/${page}.md`)) {
      context.problems.push({
        file: `content/${page}.md`,
        path: "",
        message: "file not found (the portal links to this page)",
      });
    }
  }
  return pages;
}

import type { z } from "zod";
import type { LoadContext } from "./load-context.js";
import { findStructuredFile, readStructuredFile } from "./load-context.js";
import type { KnownIds, Located } from "./located.js";
import type { SourceReporter } from "./source-problems.js";
import { validateObject } from "./validate-object.js";

export interface ListSection<T> {
  /** The valid part of every item (complete when the item is valid). */
  readonly items: readonly Located<Partial<T>>[];
  readonly known: KnownIds;
  /** The file the list came from, when it could be parsed. */
  readonly reporter?: SourceReporter;
}

/**
 * Reads `<key>.yaml` (`{<key>: [ … ]}`) and validates each item on its own. Ids of invalid items still count as
 * known, so a typo in one plan does not turn every reference to it into a second error.
 */
export function readListSection<S extends z.ZodObject>(
  context: LoadContext,
  key: string,
  fileSchema: z.ZodType<Record<string, unknown[]>>,
  itemSchema: S,
  what: string,
): ListSection<z.output<S>> {
  const file = findStructuredFile(context, key);
  if (file === undefined) {
    context.problems.push({ file: `${key}.yaml`, path: "", message: "file not found" });
    return { items: [], known: { ids: new Set(), complete: false } };
  }
  const reporter = readStructuredFile(context, file, { prefix: "", namedArrays: [key] });
  if (reporter.source.data === undefined) return { items: [], known: { ids: new Set(), complete: false } };
  const parsed = fileSchema.safeParse(reporter.source.data);
  if (!parsed.success) {
    reporter.reportZod(parsed.error.issues);
    return { items: [], known: { ids: new Set(), complete: false }, reporter };
  }
  const items: Located<Partial<z.output<S>>>[] = [];
  const ids = new Set<string>();
  const firstLine = new Map<string, number | undefined>();
  (parsed.data[key] ?? []).forEach((raw, index) => {
    const path = [key, index];
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id === "string") {
      if (firstLine.has(id)) {
        const line = firstLine.get(id);
        reporter.report(
          [...path, "id"],
          `duplicate ${what} id "${id}"${line ? ` (first defined at line ${line})` : ""}`,
        );
      } else {
        firstLine.set(id, reporter.source.lineOf([...path, "id"]));
      }
      ids.add(id);
    }
    items.push({ value: validateObject(itemSchema, raw, reporter, path), reporter, path });
  });
  return { items, known: { ids, complete: true }, reporter };
}

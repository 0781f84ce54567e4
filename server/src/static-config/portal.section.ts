import type { LoadContext } from "./load-context.js";
import { findStructuredFile, readStructuredFile } from "./load-context.js";
import type { Located } from "./located.js";
import { portalSchema, type PortalSettingsInput } from "./schemas/portal.schema.js";
import { validateObject } from "./validate-object.js";

/** Reads `portal.yaml`; the valid part of it, or `undefined` when it is missing or cannot be parsed. */
export function readPortalSection(context: LoadContext): Located<Partial<PortalSettingsInput>> | undefined {
  const file = findStructuredFile(context, "portal");
  if (file === undefined) {
    context.problems.push({ file: "portal.yaml", path: "", message: "file not found" });
    return undefined;
  }
  const reporter = readStructuredFile(context, file, { prefix: "portal" });
  if (reporter.source.data === undefined) return undefined;
  return { value: validateObject(portalSchema, reporter.source.data, reporter), reporter, path: [] };
}

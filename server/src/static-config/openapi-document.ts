import path from "node:path";
import type { LoadContext } from "./load-context.js";
import { isStructuredFile, readStructuredFile } from "./load-context.js";
import type { Located } from "./located.js";
import { reportAt } from "./located.js";
import type { ApiFile } from "./schemas/api.schema.js";
import type { OpenApiSource } from "./static-config.types.js";

/**
 * Resolves an API's `openapi` entry: a URL as given, or a file in the API folder that must parse (YAML or JSON,
 * with `${VAR}` substitution) and carry an `openapi: 3.x` or `swagger: "2.0"` key. `undefined` on problems.
 */
export function readOpenApi(
  context: LoadContext,
  api: Located<Partial<ApiFile>>,
  folder: string,
): OpenApiSource | null | undefined {
  const entry = api.value.openapi;
  if (entry === undefined) return null;
  if (entry.url !== undefined) return { kind: "url", url: entry.url };
  if (entry.file === undefined) return undefined;
  const file = path.posix.join("apis", folder, entry.file);
  if (!context.files.has(file)) {
    reportAt(api, ["openapi", "file"], `file ${file} not found`);
    return undefined;
  }
  if (!isStructuredFile(file)) {
    reportAt(api, ["openapi", "file"], "must be a .yaml, .yml or .json file");
    return undefined;
  }
  const reporter = readStructuredFile(context, file, { prefix: `apis.${folder}.openapi` });
  const document = reporter.source.data;
  if (document === undefined) return undefined;
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    reporter.report([], "must be an OpenAPI document (an object)");
    return undefined;
  }
  const record = document as Record<string, unknown>;
  if ("openapi" in record) {
    if (typeof record.openapi !== "string" || !/^3\.\d+\.\d+$/.test(record.openapi)) {
      reporter.report(["openapi"], 'must be an OpenAPI 3 version such as "3.0.3" or "3.1.0" (quoted)');
      return undefined;
    }
  } else if ("swagger" in record) {
    if (record.swagger !== "2.0") {
      reporter.report(["swagger"], 'must be "2.0" (quoted)');
      return undefined;
    }
  } else {
    reporter.report([], "not an OpenAPI document: it has neither an openapi nor a swagger key");
    return undefined;
  }
  if (record.info === null || typeof record.info !== "object") {
    reporter.report(["info"], "not an OpenAPI document: the info object is missing");
    return undefined;
  }
  return { kind: "document", file, document: record };
}

import path from "node:path";
import type { LoadContext } from "./load-context.js";
import { findStructuredFile, isStructuredFile, readStructuredFile, readText } from "./load-context.js";
import type { KnownIds, Located } from "./located.js";
import { reportAt } from "./located.js";
import { readOpenApi } from "./openapi-document.js";
import { apiFileSchema, type ApiFile } from "./schemas/api.schema.js";
import { idSchema } from "./schemas/common.schema.js";
import type { OpenApiSource } from "./static-config.types.js";
import { validateObject } from "./validate-object.js";

export interface LoadedApi extends Located<Partial<ApiFile>> {
  readonly folder: string;
  /** Markdown of the description file; `undefined` when it is missing. */
  readonly description: string | undefined;
  /** `null` without an `openapi` entry, `undefined` when the entry has problems. */
  readonly openapi: OpenApiSource | null | undefined;
}

export interface ApisSection {
  readonly apis: readonly LoadedApi[];
  readonly known: KnownIds;
}

/** Reads every `apis/<id>/api.yaml` with its description and OpenAPI document. */
export function readApisSection(context: LoadContext): ApisSection {
  const folders = new Set<string>();
  for (const file of context.files.keys()) {
    const parts = file.split("/");
    if (parts[0] !== "apis" || parts.length < 2) continue;
    if (parts.length === 2 && isStructuredFile(file)) {
      context.problems.push({ file, path: "", message: "API definitions belong in apis/<id>/api.yaml" });
    }
    if (parts.length >= 3) folders.add(parts[1] as string);
  }
  const apis: LoadedApi[] = [];
  const ids = new Set<string>(folders);
  for (const folder of [...folders].sort()) {
    if (!idSchema.safeParse(folder).success) {
      context.problems.push({
        file: `apis/${folder}`,
        path: "",
        message: "folder name must be a valid API id (lowercase letters, digits, '-' or '_')",
      });
    }
    const file = findStructuredFile(context, `apis/${folder}/api`);
    if (file === undefined) {
      context.problems.push({
        file: `apis/${folder}/api.yaml`,
        path: "",
        message: "file not found (each folder in apis/ is an API)",
      });
      continue;
    }
    const reporter = readStructuredFile(context, file, { prefix: `apis.${folder}` });
    if (reporter.source.data === undefined) continue;
    const located: Located<Partial<ApiFile>> = {
      value: validateObject(apiFileSchema, reporter.source.data, reporter),
      reporter,
      path: [],
    };
    const declaredId = idOf(reporter.source.data);
    if (typeof declaredId === "string") {
      ids.add(declaredId);
      if (declaredId !== folder) reportAt(located, ["id"], `must equal the folder name "${folder}"`);
    }
    apis.push({
      ...located,
      folder,
      description: readDescription(context, located, folder),
      openapi: readOpenApi(context, located, folder),
    });
  }
  return { apis, known: { ids, complete: true } };
}

function readDescription(
  context: LoadContext,
  api: Located<Partial<ApiFile>>,
  folder: string,
): string | undefined {
  const descriptionFile = api.value.descriptionFile;
  if (descriptionFile === undefined) return "";
  const file = path.posix.join("apis", folder, descriptionFile);
  if (!context.files.has(file)) {
    reportAt(api, ["descriptionFile"], `file ${file} not found`);
    return undefined;
  }
  return readText(context, file);
}

function idOf(raw: unknown): unknown {
  return raw !== null && typeof raw === "object" && "id" in raw ? raw.id : undefined;
}

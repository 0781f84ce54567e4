/**
 * Checks requests (method, path, JSON body) against the Kong Admin API OpenAPI documents copied to
 * `contract/` (core 3.9 spec and the key-auth, acl, oauth2 and basic-auth plugin specs), after
 * the corrections of `openapi-errata.ts`. The double runs it on every request with
 * `checkRequests: true`; adapter tests assert that no violation was recorded.
 */
import { readFile } from "node:fs/promises";
import { Ajv } from "ajv";
import type { ValidateFunction } from "ajv";
import { parse as parseYaml } from "yaml";
import type { OpenApiDocument } from "./openapi-errata.js";
import {
  SUPPLEMENTED_OPERATIONS,
  allowNullProperties,
  correctAdminDocument,
  correctOAuth2Document,
} from "./openapi-errata.js";
import { isUuid } from "./schema-validation.js";

export interface CheckedRequest {
  method: string;
  /** Path as sent (percent-encoded), without the query. */
  path: string;
  contentType?: string | undefined;
  /** Parsed JSON body, or undefined. */
  body: unknown;
}

export interface OpenApiViolation {
  method: string;
  path: string;
  /** The documented operation the request was matched to, e.g. `PUT /consumers/{consumer_username_or_id}`. */
  operation?: string;
  message: string;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  parameterCount: number;
  validate?: ValidateFunction;
}

const DOCUMENTS = {
  admin: "contract/admin-api-openapi.yaml",
  "key-auth": "contract/plugins/key-auth-openapi.yaml",
  acl: "contract/plugins/acl-openapi.yaml",
  oauth2: "contract/plugins/oauth2-openapi.yaml",
  "basic-auth": "contract/plugins/basic-auth-openapi.yaml",
} as const;

const METHODS = ["get", "put", "post", "patch", "delete"];

/** PUT `/…/{k}`: the URL key is part of the entity (§4.1), named after the collection. */
const URL_KEY_FIELDS: Record<string, string> = {
  services: "name",
  routes: "name",
  consumers: "username",
  plugins: "instance_name",
  "key-auth": "key",
  "key-auths": "key",
  acls: "group",
  oauth2: "client_id",
  "basic-auth": "username",
  "basic-auths": "username",
};

export class OpenApiRequestCheck {
  private constructor(private readonly operations: readonly Operation[]) {}

  static async load(): Promise<OpenApiRequestCheck> {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const documents: Record<string, OpenApiDocument> = {};
    for (const [name, file] of Object.entries(DOCUMENTS)) {
      documents[name] = parseYaml(await readFile(new URL(file, import.meta.url), "utf8")) as OpenApiDocument;
    }
    correctAdminDocument(documents["admin"]!);
    correctOAuth2Document(documents["oauth2"]!);
    for (const document of Object.values(documents)) allowNullProperties(document);
    for (const [name, document] of Object.entries(documents)) ajv.addSchema(document, name);

    const operations: Operation[] = [];
    for (const [name, document] of Object.entries(documents)) {
      for (const [template, item] of Object.entries(document.paths)) {
        if (template.startsWith("/{workspace}")) continue; // Enterprise only
        for (const method of METHODS) {
          if (!(method in item)) continue;
          const pointer = bodySchemaPointer(document, template, method);
          operations.push(
            operation(
              method.toUpperCase(),
              template,
              pointer ? ajv.compile({ $ref: `${name}#${pointer}` }) : undefined,
            ),
          );
        }
      }
    }
    for (const supplement of SUPPLEMENTED_OPERATIONS) {
      operations.push(
        operation(
          supplement.method,
          supplement.path,
          supplement.schema ? ajv.compile({ $ref: supplement.schema }) : undefined,
        ),
      );
    }
    return new OpenApiRequestCheck(operations);
  }

  check(request: CheckedRequest): OpenApiViolation[] {
    const method = request.method === "HEAD" ? "GET" : request.method;
    if (method === "OPTIONS") return [];
    const path = request.path.length > 1 ? request.path.replace(/\/+$/, "") : request.path;
    const candidates = this.operations.filter((candidate) => candidate.pattern.test(path));
    const violation = (message: string, operation?: Operation): OpenApiViolation[] => [
      {
        method: request.method,
        path: request.path,
        message,
        ...(operation && { operation: `${operation.method} ${operation.template}` }),
      },
    ];
    if (candidates.length === 0) return violation("no documented path matches");
    const matched = candidates
      .filter((candidate) => candidate.method === method)
      .sort((a, b) => a.parameterCount - b.parameterCount)[0];
    if (!matched) return violation(`method ${method} is not documented for this path`);
    if (!matched.validate || request.body === undefined) return [];
    if (
      typeof request.contentType === "string" &&
      !request.contentType.toLowerCase().startsWith("application/json")
    ) {
      return [];
    }
    const body = method === "PUT" ? withUrlKey(path, request.body) : request.body;
    if (matched.validate(body)) return [];
    const messages = (matched.validate.errors ?? []).map(
      (error) =>
        `body${error.instancePath} ${error.message ?? "is invalid"}${
          error.keyword === "additionalProperties"
            ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
            : ""
        }`,
    );
    return violation(messages.join("; "), matched);
  }
}

function operation(method: string, template: string, validate: ValidateFunction | undefined): Operation {
  const parameterCount = (template.match(/\{[^}]+\}/g) ?? []).length;
  const source = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return {
    method,
    template,
    pattern: new RegExp(`^${source}$`),
    parameterCount,
    ...(validate && { validate }),
  };
}

/** JSON pointer of the `application/json` body schema of an operation, following a `requestBodies` $ref. */
function bodySchemaPointer(document: OpenApiDocument, template: string, method: string): string | undefined {
  const escaped = template.replace(/~/g, "~0").replace(/\//g, "~1");
  let pointer = `/paths/${escaped}/${method}/requestBody`;
  let body = ((document.paths[template] as Record<string, Record<string, unknown>>)[method] ?? {})[
    "requestBody"
  ] as Record<string, unknown> | undefined;
  if (!body) return undefined;
  if (typeof body["$ref"] === "string") {
    pointer = body["$ref"].replace(/^#/, "");
    const name = pointer.split("/").pop()!;
    body = ((document.components?.["requestBodies"] as Record<string, Record<string, unknown>>) ?? {})[name];
  }
  const content = body?.["content"] as Record<string, unknown> | undefined;
  if (!content?.["application/json"]) return undefined;
  return `${pointer}/content/application~1json/schema`;
}

function withUrlKey(path: string, body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const segments = path.split("/").filter((segment) => segment !== "");
  const key = decodeURIComponent(segments[segments.length - 1] ?? "");
  const field = isUuid(key) ? "id" : URL_KEY_FIELDS[segments[segments.length - 2] ?? ""];
  return field ? { [field]: key, ...body } : body;
}

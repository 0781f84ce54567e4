/**
 * Kong's Admin API error bodies (CONTRACT.md §2): the DAO errors of `kong/db/errors.lua` and the
 * plain `{"message"}` bodies of `kong/api/api_helpers.lua`. Handlers throw `KongHttpError`; the
 * server turns it into the status and body.
 */
import { luaTable } from "./lua-table.js";
import type { FieldErrors } from "./field-errors.js";
import { flattenFieldErrors } from "./field-errors.js";

export type KongErrorBody = Record<string, unknown>;

export class KongHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: KongErrorBody | undefined,
  ) {
    super(typeof body?.["message"] === "string" ? body["message"] : `HTTP ${status}`);
  }
}

export const notFound = () => new KongHttpError(404, { message: "Not found" });
export const methodNotAllowed = () => new KongHttpError(405, { message: "Method not allowed" });
export const unsupportedMediaType = () => new KongHttpError(415, undefined);
export const cannotParseJson = () => new KongHttpError(400, { message: "Cannot parse JSON body" });
export const unexpectedError = () => new KongHttpError(500, { message: "An unexpected error occurred" });
export const badRequestMessage = (message: string) => new KongHttpError(400, { message });

/** code 1: a path segment that is not a UUID on an entity without endpoint key (`GET /acls/foo`). */
export function invalidPrimaryKey(value: string): KongHttpError {
  return new KongHttpError(400, {
    code: 1,
    name: "invalid primary key",
    message: `invalid primary key: '{id="${value}"}'`,
    fields: { id: "expected a valid UUID" },
  });
}

/** code 2, §2.2: `fields` mirrors the entity; `message` lists every error. */
export function schemaViolation(fields: FieldErrors): KongHttpError {
  const messages = flattenFieldErrors(fields);
  const message =
    messages.length === 1
      ? `schema violation (${messages[0]})`
      : `${messages.length} schema violations (${messages.join("; ")})`;
  return new KongHttpError(400, { code: 2, name: "schema violation", message, fields });
}

/** code 3: POST with an `id` that exists (HTTP 400 through ERRORS_HTTP_CODES, §2.2 note). */
export function primaryKeyViolation(id: string): KongHttpError {
  return new KongHttpError(400, {
    code: 3,
    name: "primary key violation",
    message: `primary key violation on key '{id="${id}"}'`,
    fields: { id },
  });
}

/** code 4: a reference to a parent that does not exist. */
export function foreignKeyMissing(
  field: string,
  parentTable: string,
  key: Record<string, unknown>,
): KongHttpError {
  return new KongHttpError(400, {
    code: 4,
    name: "foreign key violation",
    message: `the foreign key '${luaTable(key)}' does not reference an existing '${parentTable}' entity.`,
    fields: { [field]: key },
  });
}

/** code 4: deleting a parent that is still referenced (a service with routes). */
export function foreignKeyReferenced(childTable: string, parentTable: string): KongHttpError {
  return new KongHttpError(400, {
    code: 4,
    name: "foreign key violation",
    message: `an existing '${childTable}' entity references this '${parentTable}' entity`,
    fields: { "@referenced_by": childTable },
  });
}

/** code 5 → 409: `fields` holds every part of the violated key, absent parts as null. */
export function uniqueViolation(key: Record<string, unknown>): KongHttpError {
  return new KongHttpError(409, {
    code: 5,
    name: "unique constraint violation",
    message: `UNIQUE violation detected on '${luaTable(key)}'`,
    fields: key,
  });
}

/** code 6: PATCH of a missing top-level entity. */
export function entityNotFound(key: Record<string, unknown>): KongHttpError {
  const primary = "id" in key ? "primary key " : "";
  return new KongHttpError(404, {
    code: 6,
    name: "not found",
    message: `could not find the entity with ${primary}'${luaTable(key)}'`,
    fields: key,
  });
}

export function invalidOffset(
  offset: string,
  reason: "bad base64 encoding" | "bad json encoding",
): KongHttpError {
  return new KongHttpError(400, {
    code: 7,
    name: "invalid offset",
    message: `'${offset}' is not a valid offset: ${reason}`,
  });
}

export function invalidSize(message: string): KongHttpError {
  return new KongHttpError(400, { code: 9, name: "invalid size", message });
}

/** code 11: only the `tags` filter; details under `options`, not `fields`. */
export function invalidTagsOption(reason: string): KongHttpError {
  return new KongHttpError(400, {
    code: 11,
    name: "invalid options",
    message: `invalid option (tags: ${reason})`,
    options: { tags: reason },
  });
}

/** code 12 → 405: writes in DB-less mode (§11). */
export function operationUnsupported(message: string): KongHttpError {
  return new KongHttpError(405, { code: 12, name: "operation unsupported", message });
}

/** code 13: `{"service":{"name":"x"}}` that resolves to nothing. */
export function foreignKeyUnresolved(
  field: string,
  parentTable: string,
  key: Record<string, unknown>,
): KongHttpError {
  const [keyName] = Object.keys(key);
  const detail = `the foreign key cannot be resolved with '${luaTable(key)}' for an existing '${parentTable}' entity`;
  return new KongHttpError(400, {
    code: 13,
    name: "foreign keys unresolved",
    message: `foreign key unresolved (${field}.${keyName ?? "id"}: ${detail})`,
    fields: { [field]: { [keyName ?? "id"]: detail } },
  });
}

/** code 14: `POST /config` with an invalid declarative configuration (§11). */
export function invalidDeclarativeConfig(fields: Record<string, unknown>): KongHttpError {
  return new KongHttpError(400, {
    code: 14,
    name: "invalid declarative configuration",
    message: `declarative config is invalid: ${luaTable(fields)}`,
    fields,
  });
}

/**
 * DB-less mode's `/config` (CONTRACT.md §11): `POST /config` validates a whole declarative
 * configuration with the same entity rules as the Admin API, gives entities without `id` a
 * deterministic one, and replaces the state atomically; `GET /config` exports it.
 */
import { createHash } from "node:crypto";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { AdminRequest, AdminResponse } from "./admin-api.js";
import type { EntityDefinition } from "./entity-definitions.js";
import { ENTITIES } from "./entity-definitions.js";
import { KongStore, replaceContents } from "./entity-store.js";
import { EntityWrites } from "./entity-writes.js";
import type { EntityName } from "./field-schema.js";
import { KongHttpError, badRequestMessage, invalidDeclarativeConfig } from "./kong-errors.js";
import { isPlainObject, isUuid } from "./schema-validation.js";

const FORMAT_VERSIONS = ["1.1", "2.1", "3.0"];

/** Declarative key → entity, and which children may be nested under it (with the FK they get). */
const TOP_LEVEL: readonly { key: string; entity: EntityName }[] = [
  { key: "services", entity: "services" },
  { key: "routes", entity: "routes" },
  { key: "consumers", entity: "consumers" },
  { key: "plugins", entity: "plugins" },
  { key: "keyauth_credentials", entity: "keyauth_credentials" },
  { key: "acls", entity: "acls" },
  { key: "oauth2_credentials", entity: "oauth2_credentials" },
  { key: "basicauth_credentials", entity: "basicauth_credentials" },
];

const NESTED: Partial<
  Record<EntityName, readonly { key: string; entity: EntityName; foreignKey: string }[]>
> = {
  services: [
    { key: "routes", entity: "routes", foreignKey: "service" },
    { key: "plugins", entity: "plugins", foreignKey: "service" },
  ],
  routes: [{ key: "plugins", entity: "plugins", foreignKey: "route" }],
  consumers: [
    { key: "plugins", entity: "plugins", foreignKey: "consumer" },
    { key: "keyauth_credentials", entity: "keyauth_credentials", foreignKey: "consumer" },
    { key: "acls", entity: "acls", foreignKey: "consumer" },
    { key: "oauth2_credentials", entity: "oauth2_credentials", foreignKey: "consumer" },
    { key: "basicauth_credentials", entity: "basicauth_credentials", foreignKey: "consumer" },
  ],
};

const ALLOWED_META = ["_format_version", "_transform", "_comment", "_ignore"];
const EMPTY_HASH = "00000000000000000000000000000000";

type ErrorTree = Record<string, unknown>;

export class DeclarativeConfig {
  private loadedHash = EMPTY_HASH;

  constructor(
    private readonly store: KongStore,
    private readonly database: "postgres" | "off",
  ) {}

  hash(): string {
    return this.loadedHash;
  }

  handle(method: string, request: AdminRequest): AdminResponse {
    if (this.database !== "off") {
      throw badRequestMessage(
        "this endpoint is only available when Kong is configured to not use a database",
      );
    }
    if (method === "GET") return { status: 200, body: { config: stringifyYaml(this.exported()) } };
    const config = declarativeBody(request);
    const hash = createHash("md5").update(JSON.stringify(config)).digest("hex");
    if (request.query.get("check_hash") === "1" && hash === this.loadedHash) return { status: 304 };
    const loaded = this.load(config);
    replaceContents(this.store, loaded);
    this.loadedHash = hash;
    const body: Record<string, Record<string, unknown>> = {};
    for (const { entity } of TOP_LEVEL) {
      const rows = loaded.list(entity);
      if (rows.length > 0) body[entity] = Object.fromEntries(rows.map((row) => [row.id, row]));
    }
    return { status: 201, body };
  }

  private load(config: Record<string, unknown>): KongStore {
    const errors: ErrorTree = {};
    for (const key of Object.keys(config)) {
      if (!ALLOWED_META.includes(key) && !TOP_LEVEL.some((top) => top.key === key))
        errors[key] = "unknown field";
    }
    if (!FORMAT_VERSIONS.includes(String(config["_format_version"]))) {
      errors["_format_version"] =
        config["_format_version"] === undefined
          ? "required field missing"
          : `expected one of: ${FORMAT_VERSIONS.join(", ")}`;
    }
    if (Object.keys(errors).length > 0) throw invalidDeclarativeConfig(errors);
    const target = new KongStore();
    const writes = new EntityWrites(target);
    for (const { key, entity } of TOP_LEVEL) {
      const items = config[key];
      if (items === undefined) continue;
      if (!Array.isArray(items)) {
        errors[key] = "expected an array";
        continue;
      }
      const itemErrors = items.map((item) => this.insert(writes, target, ENTITIES[entity], item, {}));
      if (itemErrors.some((error) => error !== null)) errors[key] = itemErrors;
    }
    if (Object.keys(errors).length > 0) throw invalidDeclarativeConfig(errors);
    return target;
  }

  /** Inserts one entity and its nested children; returns its error tree or null. */
  private insert(
    writes: EntityWrites,
    target: KongStore,
    definition: EntityDefinition,
    item: unknown,
    forced: Record<string, unknown>,
  ): ErrorTree | string | null {
    if (!isPlainObject(item)) return "expected a record";
    const nestedSpecs = NESTED[definition.name] ?? [];
    const own: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(item)) {
      if (!nestedSpecs.some((spec) => spec.key === field)) own[field] = value;
    }
    for (const key of definition.foreignKeys) {
      // At top level a foreign key is a string: an id or the parent's name/username.
      const value = own[key.field];
      if (typeof value === "string")
        own[key.field] = isUuid(value)
          ? { id: value }
          : { [ENTITIES[key.reference].endpointKey ?? "id"]: value };
    }
    const withForced = { ...own, ...forced };
    const generatedId = withForced["id"] === undefined;
    withForced["id"] ??= deterministicId(definition, withForced);
    let id: string;
    try {
      id = writes.insert(definition, withForced).id;
    } catch (error) {
      if (!(error instanceof KongHttpError)) throw error;
      return declarativeError(definition, withForced, error, generatedId);
    }
    const errors: ErrorTree = {};
    for (const spec of nestedSpecs) {
      const children = item[spec.key];
      if (children === undefined) continue;
      if (!Array.isArray(children)) {
        errors[spec.key] = "expected an array";
        continue;
      }
      const childErrors = children.map((child) =>
        this.insert(writes, target, ENTITIES[spec.entity], child, { [spec.foreignKey]: { id } }),
      );
      if (childErrors.some((error) => error !== null)) errors[spec.key] = childErrors;
    }
    return Object.keys(errors).length > 0 ? errors : null;
  }

  private exported(): Record<string, unknown> {
    const config: Record<string, unknown> = { _format_version: "3.0", _transform: false };
    for (const { key, entity } of TOP_LEVEL) {
      const rows = this.store.list(entity);
      if (rows.length > 0) config[key] = rows;
    }
    return config;
  }
}

function declarativeBody(request: AdminRequest): Record<string, unknown> {
  let body: unknown = request.body;
  const contentType = request.contentType ?? "";
  if (/^(application|text)\/yaml/.test(contentType)) body = parseYamlOrFail(request.rawBody);
  if (isPlainObject(body) && typeof body["config"] === "string") body = parseYamlOrFail(body["config"]);
  if (!isPlainObject(body) || Object.keys(body).length === 0) {
    throw badRequestMessage("expected a declarative configuration");
  }
  return body;
}

function parseYamlOrFail(text: string): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch (error) {
    throw badRequestMessage(`failed parsing declarative configuration: ${(error as Error).message}`);
  }
}

/** Errors inside a declarative config: field trees, or the uniqueness message of §11. */
function declarativeError(
  definition: EntityDefinition,
  item: Record<string, unknown>,
  error: KongHttpError,
  generatedId: boolean,
): ErrorTree | string {
  const body = error.body ?? {};
  if (body["code"] === 5 || body["code"] === 3) {
    const fields = (body["fields"] ?? {}) as Record<string, unknown>;
    // A clash of generated ids is a clash of the endpoint key they were derived from.
    const key = definition.endpointKey;
    const [field, value] =
      body["code"] === 3 && generatedId && key
        ? [key, item[key]]
        : (Object.entries(fields)[0] ?? ["id", item["id"]]);
    const shown = isPlainObject(value) ? JSON.stringify(value) : String(value);
    return `uniqueness violation: '${definition.name}' entity with ${field} set to '${shown}' already declared`;
  }
  if (isPlainObject(body["fields"])) return body["fields"];
  return typeof body["message"] === "string" ? body["message"] : "invalid entity";
}

/** Kong derives ids of id-less declarative entities from their endpoint or cache key, so they are stable. */
function deterministicId(definition: EntityDefinition, item: Record<string, unknown>): string {
  const key =
    definition.endpointKey && typeof item[definition.endpointKey] === "string"
      ? String(item[definition.endpointKey])
      : JSON.stringify(
          (definition.compositeUnique ?? Object.keys(item).sort()).map((field) => item[field] ?? null),
        );
  const hex = createHash("sha1").update(`${definition.name}:${key}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

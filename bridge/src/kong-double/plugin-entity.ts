/**
 * The plugin entity (CONTRACT.md §5.4; `kong/db/schema/entities/plugins.lua`): the common fields,
 * with `config` checked by the schema of the named plugin and the scope rules of that plugin.
 */
import type { FieldErrors } from "./field-errors.js";
import type { RecordSchema } from "./field-schema.js";
import { ENTITY_AT } from "./field-schema.js";
import { pluginDefinition } from "./plugin-schemas.js";
import { isPlainObject, validateEntity } from "./schema-validation.js";
import { foreignField, tagsField, timestampField, utf8NameField, uuidField } from "./typedefs.js";

const DEFAULT_PROTOCOLS = ["grpc", "grpcs", "http", "https"];
const PROTOCOLS = ["grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp", "ws", "wss"];

const basePluginFields: RecordSchema["fields"] = {
  id: uuidField,
  name: { type: "string", required: true },
  instance_name: utf8NameField,
  created_at: timestampField,
  updated_at: timestampField,
  route: foreignField("routes"),
  service: foreignField("services"),
  consumer: foreignField("consumers"),
  config: { type: "record", default: {}, fields: {}, open: true },
  protocols: {
    type: "set",
    required: true,
    default: DEFAULT_PROTOCOLS,
    elements: { type: "string", oneOf: PROTOCOLS },
  },
  enabled: { type: "boolean", required: true, default: true },
  tags: tagsField,
};

/** The schema of a plugin named `name`; unknown names keep an unchecked config (the name error is added on validation). */
export function pluginSchema(name: unknown): RecordSchema {
  const definition = typeof name === "string" ? pluginDefinition(name) : undefined;
  if (!definition) return { type: "record", fields: basePluginFields };
  return { type: "record", fields: { ...basePluginFields, config: definition.config } };
}

/** Moves deprecated flat config fields (rate-limiting `redis_host`, …) into their record. */
export function expandPluginShorthands(input: Record<string, unknown>): Record<string, unknown> {
  const definition = typeof input["name"] === "string" ? pluginDefinition(input["name"]) : undefined;
  const config = input["config"];
  if (!definition?.shorthands || !isPlainObject(config)) return input;
  const expanded: Record<string, unknown> = { ...config };
  const redis: Record<string, unknown> = isPlainObject(config["redis"]) ? { ...config["redis"] } : {};
  let touched = false;
  for (const [flat, nested] of Object.entries(definition.shorthands)) {
    if (flat in expanded) {
      redis[nested] = expanded[flat];
      delete expanded[flat];
      touched = true;
    }
  }
  if (touched) expanded["redis"] = redis;
  return { ...input, config: expanded };
}

/** Responses echo the deprecated flat fields as mirrors of `config.redis.*` (since 3.6). */
export function withPluginShorthands(plugin: Record<string, unknown>): Record<string, unknown> {
  const definition = typeof plugin["name"] === "string" ? pluginDefinition(plugin["name"]) : undefined;
  const config = plugin["config"];
  if (!definition?.shorthands || !isPlainObject(config) || !isPlainObject(config["redis"])) return plugin;
  const redis = config["redis"];
  const mirrored: Record<string, unknown> = { ...config };
  for (const [flat, nested] of Object.entries(definition.shorthands)) mirrored[flat] = redis[nested] ?? null;
  return { ...plugin, config: mirrored };
}

export function validatePlugin(plugin: Record<string, unknown>): FieldErrors {
  const name = plugin["name"];
  const errors = validateEntity(pluginSchema(name), plugin);
  const definition = typeof name === "string" ? pluginDefinition(name) : undefined;
  if (typeof name === "string" && name.length > 0 && !definition) {
    errors["name"] = `plugin '${name}' not enabled; add it to the 'plugins' configuration property`;
  }
  if (!definition) return errors;
  if (definition.noConsumer && plugin["consumer"] !== null && plugin["consumer"] !== undefined) {
    errors["consumer"] = "value must be null";
  }
  const config = plugin["config"];
  if (!("config" in errors) && isPlainObject(config)) {
    for (const check of definition.checks ?? []) {
      for (const issue of check(config)) {
        if (issue.at !== ENTITY_AT) continue;
        const entity = errors[ENTITY_AT];
        if (Array.isArray(entity)) entity.push(issue.message);
        else errors[ENTITY_AT] = [issue.message];
      }
    }
  }
  return errors;
}

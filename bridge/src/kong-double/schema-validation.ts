/**
 * Validates a value against a `RecordSchema` with Kong's messages (`validation_errors` of
 * `kong/db/schema/init.lua`) and returns the `fields` tree of a schema violation (CONTRACT.md §2.2).
 * JSON values are not coerced: `"port":"80"` is `expected an integer`.
 */
import type { FieldError, FieldErrors } from "./field-errors.js";
import { ENTITY_ERRORS } from "./field-errors.js";
import type { ArrayField, FieldSchema, RecordSchema } from "./field-schema.js";
import { ENTITY_AT, SELF_AT } from "./field-schema.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Validates a whole entity; record checks may add messages to the entity's `@entity` list. */
export function validateEntity(schema: RecordSchema, entity: Record<string, unknown>): FieldErrors {
  const entityErrors: string[] = [];
  const errors = validateRecordFields(schema, entity, entityErrors);
  if (entityErrors.length > 0) errors[ENTITY_ERRORS] = entityErrors;
  return errors;
}

function validateRecordFields(
  schema: RecordSchema,
  record: Record<string, unknown>,
  entityErrors: string[],
): FieldErrors {
  const errors: FieldErrors = {};
  if (schema.open) return errors;
  for (const key of Object.keys(record)) {
    if (!(key in schema.fields)) errors[key] = "unknown field";
  }
  for (const [name, field] of Object.entries(schema.fields)) {
    const error = validateField(field, record[name], entityErrors);
    if (error !== undefined) errors[name] = error;
  }
  // Kong skips an entity check whose fields already failed; here the checks run when no schema field failed.
  if (!Object.keys(errors).some((name) => name in schema.fields)) {
    for (const check of schema.checks ?? []) {
      for (const issue of check(record)) {
        if (issue.at === ENTITY_AT) entityErrors.push(issue.message);
        else if (issue.at === SELF_AT) return { [SELF_AT]: issue.message };
        else errors[issue.at] = issue.message;
      }
    }
  }
  return errors;
}

export function validateField(
  field: FieldSchema,
  value: unknown,
  entityErrors: string[],
): FieldError | undefined {
  if (value === undefined || value === null) return field.required ? "required field missing" : undefined;
  switch (field.type) {
    case "string": {
      if (typeof value !== "string") return "expected a string";
      if (value.length === 0) return "length must be at least 1";
      if (field.oneOf && !field.oneOf.includes(value)) return `expected one of: ${field.oneOf.join(", ")}`;
      return field.check?.(value);
    }
    case "integer":
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        return field.type === "integer" ? "expected an integer" : "expected a number";
      }
      if (field.type === "integer" && !Number.isInteger(value)) return "expected an integer";
      if (field.between && (value < field.between[0] || value > field.between[1])) {
        return `value should be between ${field.between[0]} and ${field.between[1]}`;
      }
      if (field.gt !== undefined && !(value > field.gt)) return `value must be greater than ${field.gt}`;
      if (field.type === "integer" && field.oneOf && !field.oneOf.includes(value)) {
        return `expected one of: ${field.oneOf.join(", ")}`;
      }
      return undefined;
    }
    case "boolean":
      return typeof value === "boolean" ? undefined : "expected a boolean";
    case "map":
      return isPlainObject(value) ? undefined : "expected a map";
    case "foreign": {
      if (!isPlainObject(value)) return "expected a record";
      if (typeof value["id"] !== "string") return { id: "missing primary key" };
      return isUuid(value["id"]) ? undefined : { id: "expected a valid UUID" };
    }
    case "array":
    case "set":
      return validateArray(field, value, entityErrors);
    case "record": {
      if (!isPlainObject(value)) return "expected a record";
      const errors = validateRecordFields(field, value, entityErrors);
      if (SELF_AT in errors) return errors[SELF_AT];
      return Object.keys(errors).length > 0 ? errors : undefined;
    }
  }
}

function validateArray(field: ArrayField, value: unknown, entityErrors: string[]): FieldError | undefined {
  // Kong accepts an empty JSON object as an empty array (Lua cannot tell them apart).
  if (isPlainObject(value) && Object.keys(value).length === 0) return undefined;
  if (!Array.isArray(value)) return field.type === "set" ? "expected a set" : "expected an array";
  if (field.lenMin !== undefined && value.length < field.lenMin)
    return `length must be at least ${field.lenMin}`;
  const items = value.map(
    (item) => validateField({ ...field.elements, required: true }, item, entityErrors) ?? null,
  );
  return items.some((item) => item !== null) ? items : undefined;
}

/**
 * Kong's `process_auto_fields` for the double: defaults and generated values for absent fields,
 * sets de-duplicated (first occurrence kept), and the field-by-field merge of records on PATCH
 * (CONTRACT.md §4.1, §5).
 */
import type { FieldSchema, RecordSchema } from "./field-schema.js";
import { isPlainObject } from "./schema-validation.js";

/** The full entity for an insert or a replace: every schema field present, unset ones null. */
export function withDefaults(schema: RecordSchema, input: Record<string, unknown>): Record<string, unknown> {
  if (schema.open) return structuredClone(input);
  const output: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.fields))
    output[name] = fieldWithDefault(field, input[name]);
  // Unknown keys stay so that validation can name them.
  for (const [name, value] of Object.entries(input)) if (!(name in schema.fields)) output[name] = value;
  return output;
}

function fieldWithDefault(field: FieldSchema, value: unknown): unknown {
  if (value === undefined) {
    if (field.generate) return field.generate();
    if (field.default === undefined) return null;
    return fieldWithDefault(field, structuredClone(field.default));
  }
  return normalized(field, value);
}

/** Sets lose duplicates, `{}` given for an array is `[]`, records get their nested defaults. */
export function normalized(field: FieldSchema, value: unknown): unknown {
  if (
    (field.type === "array" || field.type === "set") &&
    isPlainObject(value) &&
    Object.keys(value).length === 0
  ) {
    return [];
  }
  if (field.type === "set" && Array.isArray(value)) {
    return value.filter((item, index) => value.findIndex((other) => deepEqual(other, item)) === index);
  }
  if (field.type === "record" && isPlainObject(value)) return withDefaults(field, value);
  return value;
}

/** PATCH: only given fields change, records merge field by field, arrays are replaced, null clears. */
export function mergedForUpdate(
  schema: RecordSchema,
  stored: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const output: Record<string, unknown> = structuredClone(stored);
  for (const [name, value] of Object.entries(patch)) {
    const field = schema.fields[name];
    const current = output[name];
    if (field?.type === "record" && !field.open && isPlainObject(value) && isPlainObject(current)) {
      output[name] = mergedForUpdate(field, current, value);
    } else if (field?.type === "record" && field.open && isPlainObject(value) && isPlainObject(current)) {
      output[name] = { ...current, ...structuredClone(value) };
    } else {
      output[name] = field ? normalized(field, structuredClone(value)) : value;
    }
  }
  return output;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]))
    );
  }
  return false;
}

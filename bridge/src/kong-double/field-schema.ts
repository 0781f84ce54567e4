/**
 * A small model of Kong's schema language (`kong/db/schema/init.lua`), enough to validate the
 * entities and plugin configs the double serves with Kong's own messages (CONTRACT.md §2.2, §5–§7).
 */
export type EntityName =
  | "services"
  | "routes"
  | "consumers"
  | "plugins"
  | "keyauth_credentials"
  | "acls"
  | "oauth2_credentials"
  | "basicauth_credentials";

interface FieldCommon {
  /** `required field missing` when absent or null after defaults. */
  required?: boolean;
  /** Filled in on insert/replace when the input leaves the field out. */
  default?: unknown;
  /** Generated on insert/replace when absent (ids, keys, secrets). */
  generate?: () => unknown;
}

export interface StringField extends FieldCommon {
  type: "string";
  oneOf?: readonly string[];
  /** Extra rule; returns Kong's message when the value is bad. */
  check?: (value: string) => string | undefined;
}

export interface IntegerField extends FieldCommon {
  type: "integer";
  between?: readonly [number, number];
  gt?: number;
  oneOf?: readonly number[];
}

export interface NumberField extends FieldCommon {
  type: "number";
  between?: readonly [number, number];
  gt?: number;
}

export interface BooleanField extends FieldCommon {
  type: "boolean";
}

export interface ArrayField extends FieldCommon {
  /** A set drops duplicates, keeping the first occurrence. */
  type: "array" | "set";
  elements: FieldSchema;
  lenMin?: number;
}

export interface MapField extends FieldCommon {
  type: "map";
}

/** A reference to another entity, stored and returned as `{"id": "<uuid>"}`. */
export interface ForeignField extends FieldCommon {
  type: "foreign";
  reference: EntityName;
}

/**
 * A problem found by a record-level check: `@entity` goes to the entity's `@entity` list,
 * `.` makes the record's own error a string (`{"config":"…"}`), any other name is a field of the record.
 */
export interface CheckIssue {
  at: string;
  message: string;
}

export type RecordCheck = (record: Record<string, unknown>) => CheckIssue[];

export interface RecordField extends FieldCommon {
  type: "record";
  fields: Readonly<Record<string, FieldSchema>>;
  checks?: readonly RecordCheck[];
  /** Accept any keys without checking them (configs of plugins the double does not model). */
  open?: boolean;
}

export type FieldSchema =
  | StringField
  | IntegerField
  | NumberField
  | BooleanField
  | ArrayField
  | MapField
  | ForeignField
  | RecordField;

export type RecordSchema = RecordField;

export const ENTITY_AT = "@entity";
export const SELF_AT = ".";

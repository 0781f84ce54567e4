import { z } from "zod";
import type { FieldError } from "../errors/domain-error.js";
import { DomainError } from "../errors/domain-error.js";
import type { PortalSettings } from "../static-config/static-config.js";

export type ProfileFieldDefinition = PortalSettings["profileFields"][number];

/** One profile field value as clients send it; an empty value removes the field. */
export interface ProfileEntry {
  readonly field: string;
  readonly value: string;
}

export const DISPLAY_NAME_MAX_LENGTH = 100;

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(DISPLAY_NAME_MAX_LENGTH, `must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`)
  .refine((name) => !/\p{Cc}/u.test(name), "must not contain control characters");

export const profileEntriesSchema = z.array(z.object({ field: z.string(), value: z.string() })).max(100);

/**
 * Applies profile entries to the current values under the field definitions of the static configuration and
 * returns the new profile, or throws VALIDATION_FAILED naming each bad entry as `profile.<field>`. On `create`
 * every required field must end up with a value; on `update` only the entries sent are checked, so a field that
 * became required after the user signed up does not block unrelated changes. Values of fields that are no longer
 * configured are kept untouched.
 */
export function applyProfileEntries(
  definitions: readonly ProfileFieldDefinition[],
  current: Readonly<Record<string, string>>,
  entries: readonly ProfileEntry[],
  mode: "create" | "update",
): Record<string, string> {
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const next: Record<string, string> = { ...current };
  for (const entry of entries) {
    const field = `profile.${entry.field}`;
    const definition = byId.get(entry.field);
    if (!definition) {
      const known = definitions.map((d) => d.id).join(", ") || "none";
      errors.push({
        field,
        code: "UNKNOWN_FIELD",
        message: `is not a profile field of this portal (known: ${known})`,
      });
      continue;
    }
    if (seen.has(entry.field)) {
      errors.push({ field, code: "DUPLICATE", message: "is given more than once" });
      continue;
    }
    seen.add(entry.field);
    const value = entry.value.trim();
    if ([...value].length > definition.maxLength) {
      errors.push({ field, code: "TOO_LONG", message: `must be at most ${definition.maxLength} characters` });
    } else if (/\p{Cc}/u.test(value.replace(/[\n\t]/g, ""))) {
      errors.push({ field, code: "INVALID_CHARACTERS", message: "must not contain control characters" });
    } else if (value === "") {
      if (definition.required)
        errors.push({ field, code: "REQUIRED", message: `${definition.label} is required` });
      delete next[entry.field];
    } else {
      next[entry.field] = value;
    }
  }
  if (mode === "create") {
    for (const definition of definitions) {
      const field = `profile.${definition.id}`;
      if (definition.required && !next[definition.id] && !errors.some((e) => e.field === field)) {
        errors.push({ field, code: "REQUIRED", message: `${definition.label} is required` });
      }
    }
  }
  if (errors.length > 0) throw DomainError.validation(errors);
  return next;
}

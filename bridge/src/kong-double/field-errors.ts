/**
 * The `fields` tree of a schema violation (CONTRACT.md §2.2): a string per bad field, nested
 * records nest, array fields give an array with the error of element i at index i (null
 * elsewhere), entity-level checks go into `@entity` as an array of strings.
 */
export type FieldError = string | FieldErrors | (FieldError | null)[];
export interface FieldErrors {
  [field: string]: FieldError;
}

export const ENTITY_ERRORS = "@entity";

export function addEntityError(errors: FieldErrors, message: string): void {
  const existing = errors[ENTITY_ERRORS];
  if (Array.isArray(existing)) existing.push(message);
  else errors[ENTITY_ERRORS] = [message];
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/**
 * The parts of the `message`: `@entity` errors first, then field errors in alphabetical field
 * order; nested ones as `parent.child: msg`, array items as `field.<1-based index>: msg`.
 */
export function flattenFieldErrors(errors: FieldErrors, prefix = ""): string[] {
  const lines: string[] = [];
  const entity = errors[ENTITY_ERRORS];
  if (Array.isArray(entity)) {
    // nested entity checks are prefixed with their record's path
    const owner = prefix.replace(/\.$/, "");
    for (const message of entity) {
      if (typeof message === "string") lines.push(owner === "" ? message : `${owner}: ${message}`);
    }
  }
  const names = Object.keys(errors)
    .filter((name) => name !== ENTITY_ERRORS)
    .sort();
  for (const name of names) lines.push(...flattenOne(`${prefix}${name}`, errors[name]!));
  return lines;
}

function flattenOne(path: string, error: FieldError): string[] {
  if (typeof error === "string") return [`${path}: ${error}`];
  if (Array.isArray(error)) {
    return error.flatMap((item, index) => (item === null ? [] : flattenOne(`${path}.${index + 1}`, item)));
  }
  return flattenFieldErrors(error, `${path}.`);
}

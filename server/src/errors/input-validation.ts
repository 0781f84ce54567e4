import type { z } from "zod";
import { DomainError } from "./domain-error.js";

/**
 * Parses service input with a zod schema; on failure throws VALIDATION_FAILED naming every offending field.
 * Services call this on their public entry points so GraphQL, REST and the CLI share the same rules.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw DomainError.validation(
    result.error.issues.map((issue) => ({
      field: issue.path.map(String).join(".") || "input",
      code: issue.code.toUpperCase(),
      message: issue.message,
    })),
  );
}

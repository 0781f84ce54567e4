import type { z } from "zod";
import { DomainError } from "./domain-error.js";

/** A refinement may name its own field error code: `addIssue({ code: "custom", params: { code: "X" } })`. */
function customCode(issue: z.core.$ZodIssue): string | null {
  if (issue.code !== "custom") return null;
  const code: unknown = issue.params?.code;
  return typeof code === "string" ? code : null;
}

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
      code: customCode(issue) ?? issue.code.toUpperCase(),
      message: issue.message,
    })),
  );
}

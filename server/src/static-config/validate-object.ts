import type { z } from "zod";
import type { PathSegment } from "./config-path.js";
import type { SourceReporter } from "./source-problems.js";

/**
 * Validates an object against a strict zod object schema and reports every issue. When it is invalid, the keys
 * that are valid on their own are still returned, so cross-reference checks can run on them: one bad key does
 * not hide a wrong plan id in the same file.
 */
export function validateObject<S extends z.ZodObject>(
  schema: S,
  raw: unknown,
  reporter: SourceReporter,
  path: readonly PathSegment[] = [],
): Partial<z.output<S>> {
  const full = schema.safeParse(raw);
  if (full.success) return full.data;
  reporter.reportZod(full.error.issues, path);
  const partial: Record<string, unknown> = {};
  const shape: Readonly<Record<string, z.ZodType>> = schema.shape;
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    for (const [key, field] of Object.entries(shape)) {
      const result = field.safeParse((raw as Record<string, unknown>)[key]);
      if (result.success) partial[key] = result.data;
    }
  }
  return partial as Partial<z.output<S>>;
}

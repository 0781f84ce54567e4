import { z } from "zod";
import { eventCatalogue } from "../events/event-catalogue.js";
import type { EventFilter } from "./event-log.types.js";

/** Most patterns one filter may hold. */
export const MAX_EVENT_PATTERNS = 100;

const patternSyntax = /^(\*|[a-z][a-z0-9_]*\.(\*|[a-z][a-z0-9_]*))$/;

const knownNames = new Set<string>(eventCatalogue.map((event) => event.name));
const knownEntities = new Set<string>(eventCatalogue.map((event) => event.name.split(".")[0] ?? ""));

/**
 * Event names or patterns: `*` (everything), `entity.*` (every event of an entity, e.g. `subscription.*`) or an
 * exact `entity.action`. Unknown names and entities are refused, so a typo never silently matches nothing.
 */
export const eventPatternsSchema = z
  .array(z.string().max(100, "must be at most 100 characters"))
  .max(MAX_EVENT_PATTERNS, `must hold at most ${MAX_EVENT_PATTERNS} patterns`)
  .superRefine((patterns, context) => {
    patterns.forEach((pattern, index) => {
      const problem = patternProblem(pattern);
      if (problem) context.addIssue({ code: "custom", path: [index], ...problem });
    });
  });

interface PatternProblem {
  readonly message: string;
  /** The field error code (see `parseInput`). */
  readonly params: { readonly code: "INVALID_EVENT_PATTERN" | "UNKNOWN_EVENT" };
}

function patternProblem(pattern: string): PatternProblem | null {
  if (!patternSyntax.test(pattern)) {
    return {
      message:
        "must be `*`, `entity.*` or an event name `entity.action` (lower-case letters, digits, underscores)",
      params: { code: "INVALID_EVENT_PATTERN" },
    };
  }
  if (pattern === "*") return null;
  const [entity = "", action] = pattern.split(".");
  const known = action === "*" ? knownEntities.has(entity) : knownNames.has(pattern);
  if (known) return null;
  return {
    message:
      action === "*"
        ? `no event of entity "${entity}" exists`
        : `"${pattern}" is not an event of the catalogue (schema/events/index.json)`,
    params: { code: "UNKNOWN_EVENT" },
  };
}

/** The filter of validated patterns; no patterns (or `*` among them) means every event. */
export function eventFilterOf(patterns: readonly string[] | null | undefined): EventFilter {
  if (!patterns || patterns.length === 0 || patterns.includes("*")) return { kind: "all" };
  const names = [...new Set(patterns.filter((p) => !p.endsWith(".*")))].sort();
  const prefixes = [...new Set(patterns.filter((p) => p.endsWith(".*")).map((p) => p.slice(0, -1)))].sort();
  return { kind: "some", names, prefixes };
}

/** The patterns a filter stands for, as stored and shown (`[]` for everything). */
export function patternsOf(filter: EventFilter): string[] {
  return filter.kind === "all" ? [] : [...filter.names, ...filter.prefixes.map((prefix) => `${prefix}*`)];
}

export function matchesEventFilter(filter: EventFilter, name: string): boolean {
  if (filter.kind === "all") return true;
  return filter.names.includes(name) || filter.prefixes.some((prefix) => name.startsWith(prefix));
}

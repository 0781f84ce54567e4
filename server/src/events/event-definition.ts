import type { z } from "zod";

/**
 * One entry of the event catalogue: a name `entity.action`, a schema version bumped on incompatible payload
 * changes, a description for listener authors, and the payload schema (the JSON Schema in schema/events/ is
 * generated from it).
 */
export interface EventDefinition<Name extends string = string, Payload extends z.ZodType = z.ZodType> {
  readonly name: Name;
  readonly version: number;
  readonly description: string;
  /** Names the ids of what changed, e.g. `{ userId }`; listeners route and deduplicate on them. */
  readonly subject: (payload: z.infer<Payload>) => Record<string, string>;
  readonly payload: Payload;
}

export function defineEvent<Name extends string, Payload extends z.ZodType>(
  definition: EventDefinition<Name, Payload>,
): EventDefinition<Name, Payload> {
  return definition;
}

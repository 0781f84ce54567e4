import { z } from "zod";
import { eventCatalogue } from "./event-catalogue.js";

/** The fields every event of the log carries around its payload. */
const envelope = {
  sequence: {
    type: "integer",
    minimum: 1,
    description: "Strictly increasing position in the installation's log.",
  },
  name: { type: "string", description: "`entity.action`." },
  schemaVersion: { type: "integer", minimum: 1, description: "Version of this event's payload schema." },
  occurredAt: { type: "string", format: "date-time" },
  actor: {
    type: "object",
    properties: {
      kind: { enum: ["anonymous", "user", "service", "system"] },
      id: { type: ["string", "null"] },
    },
    required: ["kind", "id"],
  },
  subjectIds: {
    type: "object",
    additionalProperties: { type: "string" },
    description: "Ids of what changed, for routing and de-duplication.",
  },
} as const;

/** One JSON Schema document per event name and version, keyed by file name under `schema/events/`. */
export function eventJsonSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  const index: { name: string; version: number; description: string; file: string }[] = [];
  for (const event of [...eventCatalogue].sort((a, b) => a.name.localeCompare(b.name))) {
    const file = `${event.name}.v${event.version}.json`;
    const document = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: `https://api-portal.dev/schema/events/${file}`,
      title: event.name,
      description: event.description,
      type: "object",
      properties: {
        ...envelope,
        name: { const: event.name },
        schemaVersion: { const: event.version },
        payload: z.toJSONSchema(event.payload, { target: "draft-2020-12" }),
      },
      required: ["sequence", "name", "schemaVersion", "occurredAt", "actor", "subjectIds", "payload"],
    };
    files.set(file, `${JSON.stringify(document, null, 2)}\n`);
    index.push({ name: event.name, version: event.version, description: event.description, file });
  }
  files.set("index.json", `${JSON.stringify({ events: index }, null, 2)}\n`);
  return files;
}

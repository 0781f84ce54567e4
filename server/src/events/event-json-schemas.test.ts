import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eventCatalogue } from "./event-catalogue.js";
import { eventJsonSchemas } from "./event-json-schemas.js";

const directory = fileURLToPath(new URL("../../../schema/events/", import.meta.url));

describe("event catalogue JSON Schemas", () => {
  it("schema/events/ holds exactly the generated documents (run `npm run schema:emit`)", () => {
    const generated = eventJsonSchemas();
    expect(readdirSync(directory).sort()).toEqual([...generated.keys()].sort());
    for (const [file, content] of generated)
      expect(readFileSync(`${directory}${file}`, "utf8"), file).toBe(content);
  });

  it("has one unique entry per event name, each described", () => {
    const names = eventCatalogue.map((event) => event.name);
    expect(new Set(names).size).toBe(names.length);
    for (const event of eventCatalogue) {
      expect(event.name).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(event.description.length).toBeGreaterThan(10);
    }
  });
});

import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { eventJsonSchemas } from "./event-json-schemas.js";

const directory = fileURLToPath(new URL("../../../schema/events/", import.meta.url));
mkdirSync(directory, { recursive: true });
for (const stale of readdirSync(directory)) rmSync(`${directory}${stale}`);
for (const [file, content] of eventJsonSchemas()) writeFileSync(`${directory}${file}`, content);

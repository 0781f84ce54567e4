import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { webhookOpenApiText } from "./webhook-openapi.js";

const directory = fileURLToPath(new URL("../../../schema/openapi/", import.meta.url));
mkdirSync(directory, { recursive: true });
writeFileSync(`${directory}webhooks.json`, webhookOpenApiText());

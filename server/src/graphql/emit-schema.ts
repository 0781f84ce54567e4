import { writeFileSync } from "node:fs";
import { buildPortalSchema, printPortalSchema } from "./schema.js";

const target = new URL("../../../schema/schema.graphql", import.meta.url);
writeFileSync(target, printPortalSchema(await buildPortalSchema()));

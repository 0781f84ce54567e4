import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPortalSchema, printPortalSchema } from "./schema.js";
import { isObjectType } from "graphql";

const committed = new URL("../../../schema/schema.graphql", import.meta.url);

describe("GraphQL schema", () => {
  it("matches the committed schema/schema.graphql (run `npm run schema:emit`)", async () => {
    const printed = printPortalSchema(await buildPortalSchema());
    expect(printed).toBe(readFileSync(committed, "utf8"));
  });

  it("describes every type, field and argument", async () => {
    const schema = await buildPortalSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || ["String", "Boolean", "Int", "Float", "ID"].includes(type.name))
        continue;
      const isRoot = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(
        type as never,
      );
      if (!type.description && !isRoot) missing.push(type.name);
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args)
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

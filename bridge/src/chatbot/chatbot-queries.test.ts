import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { outboundLedgerQueries } from "../listener-kit/outbound-ledger.js";
import { portalLookupQueries } from "../listener-kit/portal-lookups.js";
import { chatbotSettingsQuery } from "./chatbot-settings.js";

const schema = buildSchema(readFileSync(new URL("../../../schema/schema.graphql", import.meta.url), "utf8"));

const documents = {
  ...portalLookupQueries,
  ...Object.fromEntries(
    Object.entries(outboundLedgerQueries).map(([name, query]) => [`ledger.${name}`, query]),
  ),
  settings: chatbotSettingsQuery,
};

describe("the chatbot's GraphQL documents", () => {
  it.each(Object.entries(documents))("%s is valid against schema/schema.graphql", (_name, query) => {
    expect(validate(schema, parse(query)).map((error) => error.message)).toEqual([]);
  });
});

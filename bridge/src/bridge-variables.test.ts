import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bridgeVariables as ownVariables } from "./bridge-config.js";
import { chatbotVariables } from "./chatbot/chatbot-config.js";
import { kongAdapterVariables } from "./kong-adapter/kong-adapter-config.js";
import { mailerVariables } from "./mailer/mailer-config.js";

interface Documented {
  readonly name: string;
  readonly default: string | null;
  readonly description: string;
}

/** The bridge's own variables and those of the built-in listeners it hosts (the chat target URLs are named by the static configuration). */
const bridgeVariables = { ...ownVariables, ...chatbotVariables, ...mailerVariables, ...kongAdapterVariables };

/** Rows of the server's part of the table, read by the bridge too. */
const serverRows = new Set(["LOG_LEVEL", "PORTAL_DATA_DIR"]);

const documented = (
  JSON.parse(readFileSync(new URL("../environment-variables.json", import.meta.url), "utf8")) as {
    variables: Documented[];
  }
).variables;

describe("bridge environment variables in the README table", () => {
  it("documents exactly the variables the bridge reads (LOG_LEVEL and PORTAL_DATA_DIR are the server's rows)", () => {
    const read = Object.keys(bridgeVariables).filter((name) => !serverRows.has(name));
    expect(documented.map((v) => v.name).sort()).toEqual(read.sort());
  });

  it("documents each default as the schema applies it", () => {
    for (const variable of documented) {
      const schema = bridgeVariables[variable.name as keyof typeof bridgeVariables];
      const parsed = schema.safeParse(undefined);
      const applied = parsed.success && parsed.data !== undefined ? String(parsed.data) : null;
      if (variable.name === "BRIDGE_ID") continue; // computed at start (host:pid:random)
      expect(variable.default, variable.name).toBe(applied);
    }
  });
});

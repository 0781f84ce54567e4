import { describe, expect, it } from "vitest";
import { BridgeConfigError, loadBridgeConfig } from "./bridge-config.js";

const token = "bridge-config-test-token-0123456789abcdef";

describe("BRIDGE_LISTENERS", () => {
  it("defaults to auto and takes none or a list of built-in listeners", () => {
    expect(loadBridgeConfig({ BRIDGE_TOKEN: token }).hostedListeners).toBe("auto");
    expect(loadBridgeConfig({ BRIDGE_TOKEN: token, BRIDGE_LISTENERS: "none" }).hostedListeners).toEqual([]);
    expect(
      loadBridgeConfig({ BRIDGE_TOKEN: token, BRIDGE_LISTENERS: " mailer, kong-adapter,mailer" })
        .hostedListeners,
    ).toEqual(["mailer", "kong-adapter"]);
  });

  it("names a listener it does not know, and refuses auto mixed with names", () => {
    for (const value of ["mailer,fax", "auto,mailer"]) {
      let problem: unknown;
      try {
        loadBridgeConfig({ BRIDGE_TOKEN: token, BRIDGE_LISTENERS: value });
      } catch (error) {
        problem = error;
      }
      expect(problem).toBeInstanceOf(BridgeConfigError);
      expect((problem as BridgeConfigError).problems).toEqual([
        `BRIDGE_LISTENERS=${JSON.stringify(value)}: must be auto, none, or a list of mailer, chatbot, kong-adapter`,
      ]);
    }
  });
});

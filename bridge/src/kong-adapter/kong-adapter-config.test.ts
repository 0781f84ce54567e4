import { describe, expect, it } from "vitest";
import { KongAdapterConfigError, loadKongAdapterConfig } from "./kong-adapter-config.js";

const token = "adapter-token-0123456789abcdefghijklmnopq";

describe("the Kong adapter's variables", () => {
  it("applies the defaults", () => {
    expect(loadKongAdapterConfig({ KONG_ADAPTER_TOKEN: token })).toMatchObject({
      adminUrl: "http://127.0.0.1:8001",
      installation: "portal",
      port: 3002,
      reconcileIntervalSeconds: 300,
      concurrency: 8,
      resyncToken: null,
      dbless: false,
    });
    expect(loadKongAdapterConfig({ KONG_ADAPTER_TOKEN: token, KONG_ADAPTER_DBLESS: "true" }).dbless).toBe(
      true,
    );
  });

  it("names every bad variable at once, never a secret's value", () => {
    let error: unknown;
    try {
      loadKongAdapterConfig({
        KONG_ADAPTER_TOKEN: "short",
        KONG_ADMIN_URL: "not a url",
        KONG_ADAPTER_INSTALLATION: "Has Spaces",
        KONG_ADAPTER_CONCURRENCY: "0",
        KONG_ADAPTER_DBLESS: "yes",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KongAdapterConfigError);
    const problems = (error as KongAdapterConfigError).problems;
    expect(problems.map((p) => p.split("=")[0])).toEqual([
      "KONG_ADMIN_URL",
      "KONG_ADAPTER_TOKEN",
      "KONG_ADAPTER_INSTALLATION",
      "KONG_ADAPTER_CONCURRENCY",
      "KONG_ADAPTER_DBLESS",
    ]);
    expect(problems.join("\n")).not.toContain("short");
    expect(problems[1]).toBe(
      "KONG_ADAPTER_TOKEN=<secret>: must be the token of a read-write service account (32 or more characters)",
    );
  });
});

import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { StaticConfigError } from "./config-problem.js";
import { copySampleConfig, editConfigFile, sampleConfigDir } from "./sample-config.fixture.js";
import { loadStaticConfig } from "./static-config.loader.js";
import { emailTemplate, findApi, groupsWithFlag } from "./static-config.queries.js";
import { emailTemplateNames } from "./template-catalog.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function sampleCopy(): Promise<string> {
  const copy = await copySampleConfig();
  cleanups.push(copy.remove);
  return copy.dir;
}

describe("loadStaticConfig on the sample", () => {
  it("loads the sample with an empty environment, defaults filled in", async () => {
    const config = await loadStaticConfig(sampleConfigDir, {});
    expect(config.dir).toBe(sampleConfigDir);
    expect(config.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(config.portal.urls).toEqual({
      portal: "http://localhost:3000",
      apiGateway: "http://localhost:8000",
    });
    expect(config.apis.map((api) => api.id)).toEqual([
      "catalog",
      "inventory-v1",
      "logistics",
      "orders",
      "payments",
    ]);
    expect(new Set(config.apis.map((api) => api.auth.type))).toEqual(new Set(["key-auth", "oauth2", "none"]));
    expect(config.apis.some((api) => api.deprecated)).toBe(true);
    expect(config.apis.some((api) => api.partner && api.requiredGroup === "partners")).toBe(true);
    expect(config.plans.map((plan) => plan.id)).toEqual(["free", "basic", "premium", "internal"]);
    expect(config.groups.map((group) => group.id)).toEqual([
      "admin",
      "approvers",
      "developers",
      "partners",
      "internal",
    ]);
    expect(config.content.map((page) => page.id)).toEqual(
      expect.arrayContaining(["contact", "privacy-policy", "terms-and-conditions"]),
    );
    const onboarding = config.content.find((page) => page.id === "partners/onboarding");
    expect(onboarding).toMatchObject({ title: "Partner onboarding", requiredGroup: "partners", order: 10 });
    expect(onboarding?.markdown).toMatch(/^# Partner onboarding\n/);
    for (const name of emailTemplateNames) expect(config.templates.email[name].en?.subject).toBeTruthy();
  });

  it("fills in defaults, re-types whole-reference values and reads description and OpenAPI files", async () => {
    const config = await loadStaticConfig(sampleConfigDir, {});
    const orders = findApi(config, "orders");
    expect(orders?.upstream).toMatchObject({ url: "http://orders.acme.internal:8080", retries: 2 });
    expect(orders?.description).toContain("# Orders API");
    expect(orders?.openapi).toMatchObject({ kind: "document", file: "apis/orders/openapi.yaml" });
    const document = orders?.openapi?.kind === "document" ? orders.openapi.document : undefined;
    expect(document?.servers).toEqual([{ url: "http://localhost:8000/orders/v2" }]);
    expect(findApi(config, "inventory-v1")?.openapi).toEqual({
      kind: "url",
      url: "https://inventory.acme.example/v1/openapi.json",
    });
    expect(findApi(config, "catalog")?.routes[0]).toEqual({
      paths: ["/catalog/v1"],
      hosts: [],
      methods: ["GET", "HEAD", "OPTIONS"],
      protocols: ["http", "https"],
      stripPath: true,
      preserveHost: false,
    });
    expect(findApi(config, "nope")).toBeUndefined();
    expect(groupsWithFlag(config, "admin").map((group) => group.id)).toEqual(["admin"]);
    expect(groupsWithFlag(config, "approver").map((group) => group.id)).toEqual(["approvers"]);
    expect(emailTemplate(config, "verify-email", "de-AT").subject).toContain("Bitte bestätigen");
    expect(emailTemplate(config, "key-expiring", "de").subject).toContain("expires");
  });

  it("substitutes values from the environment, including in OpenAPI documents", async () => {
    const config = await loadStaticConfig(sampleConfigDir, {
      PORTAL_PUBLIC_URL: "https://developer.acme.example/",
      API_GATEWAY_URL: "https://api.acme.example",
      ACME_ORDERS_RETRIES: "4",
    });
    expect(config.portal.urls.portal).toBe("https://developer.acme.example");
    const orders = findApi(config, "orders");
    expect(orders?.upstream.retries).toBe(4);
    const document = orders?.openapi?.kind === "document" ? orders.openapi.document : undefined;
    expect(document?.servers).toEqual([{ url: "https://api.acme.example/orders/v2" }]);
  });

  it("returns a deeply frozen object", async () => {
    const config = await loadStaticConfig(sampleConfigDir, {});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.apis[0]?.routes[0]?.paths)).toBe(true);
    expect(() => {
      (config.plans as unknown as { id: string }[]).push({ id: "x" });
    }).toThrow(TypeError);
  });
});

describe("the configuration hash", () => {
  it("is stable across loads and changes with a file", async () => {
    const dir = await sampleCopy();
    const first = await loadStaticConfig(dir, {});
    const second = await loadStaticConfig(dir, {});
    expect(second.hash).toBe(first.hash);
    expect((await loadStaticConfig(sampleConfigDir, {})).hash).toBe(first.hash);

    await editConfigFile(dir, "apis/orders/description.md", "Orders API", "Orders API (v2)");
    const afterEdit = await loadStaticConfig(dir, {});
    expect(afterEdit.hash).not.toBe(first.hash);

    await writeFile(path.join(dir, "NOTES.txt"), "not part of the format, but part of the directory\n");
    expect((await loadStaticConfig(dir, {})).hash).not.toBe(afterEdit.hash);
  });

  it("changes with the value of a substituted variable, but not with unrelated variables", async () => {
    const base = await loadStaticConfig(sampleConfigDir, {});
    expect((await loadStaticConfig(sampleConfigDir, { UNRELATED: "x" })).hash).toBe(base.hash);
    const changed = await loadStaticConfig(sampleConfigDir, { ACME_ORDERS_UPSTREAM_URL: "http://orders:1" });
    expect(changed.hash).not.toBe(base.hash);
    const other = await loadStaticConfig(sampleConfigDir, { ACME_ORDERS_UPSTREAM_URL: "http://orders:2" });
    expect(other.hash).not.toBe(changed.hash);
  });

  it("does not contain the substituted values in the clear", async () => {
    const secret = "s3cr3t-token-value";
    const config = await loadStaticConfig(sampleConfigDir, {
      ACME_ORDERS_UPSTREAM_URL: `http://${secret}:1`,
    });
    expect(config.hash).not.toContain(secret);
  });

  it("ignores .git", async () => {
    const dir = await sampleCopy();
    const before = await loadStaticConfig(dir, {});
    await mkdir(path.join(dir, ".git"));
    await writeFile(path.join(dir, ".git", "HEAD"), "ref: refs/heads/main\n");
    expect((await loadStaticConfig(dir, {})).hash).toBe(before.hash);
  });
});

describe("loading is read-only", () => {
  async function snapshot(dir: string): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      const file = path.join(entry.parentPath, entry.name);
      const info = await stat(file);
      const content = entry.isFile()
        ? createHash("sha256")
            .update(await readFile(file))
            .digest("hex")
        : "dir";
      result.set(path.relative(dir, file), `${info.mtimeMs} ${info.size} ${content}`);
    }
    return result;
  }

  it("changes nothing in the directory, whether the config is valid or not", async () => {
    const dir = await sampleCopy();
    const before = await snapshot(dir);
    await loadStaticConfig(dir, {});
    expect(await snapshot(dir)).toEqual(before);

    await editConfigFile(dir, "plans.yaml", "id: free", "id: Free!");
    const broken = await snapshot(dir);
    await expect(loadStaticConfig(dir, {})).rejects.toBeInstanceOf(StaticConfigError);
    expect(await snapshot(dir)).toEqual(broken);
  });
});

describe("directory problems", () => {
  it("reports a missing directory", async () => {
    const error = await loadStaticConfig("/nonexistent/config", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaticConfigError);
    expect((error as StaticConfigError).problems).toEqual([
      { file: ".", path: "", message: "/nonexistent/config is not a directory" },
    ]);
  });

  it("reports missing top-level files and required pages", async () => {
    const dir = await sampleCopy();
    await rm(path.join(dir, "portal.yaml"));
    await rm(path.join(dir, "content", "contact.md"));
    await writeFile(path.join(dir, "groups.json"), '{"groups": []}');
    const error = (await loadStaticConfig(dir, {}).catch((e: unknown) => e)) as StaticConfigError;
    expect(error.problems).toEqual([
      { file: "content/contact.md", path: "", message: "file not found (the portal links to this page)" },
      { file: "groups.json", path: "", message: "groups.yaml and groups.json both exist; keep only one" },
      { file: "portal.yaml", path: "", message: "file not found" },
    ]);
  });
});

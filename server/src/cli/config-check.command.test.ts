import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copySampleConfig, editConfigFile, sampleConfigDir } from "../static-config/sample-config.fixture.js";
import type { Environment } from "../runtime-config/environment.js";
import type { CliIo } from "./cli-io.js";
import { configCheckCommand } from "./config-check.command.js";

function fakeIo(cwd: string, env: Environment = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { env, cwd, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
  return { io, stdout: () => out.join(""), stderr: () => err.join("") };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

describe("portal config check", () => {
  it("prints OK with hash and counts and exits 0 for the sample (DIR relative to cwd)", async () => {
    const fake = fakeIo(path.dirname(sampleConfigDir));
    expect(await configCheckCommand(["config"], fake.io)).toBe(0);
    expect(fake.stdout()).toMatch(/^OK config \(hash [0-9a-f]{64}, 5 apis, 4 plans, 5 groups\)\n$/);
    expect(fake.stderr()).toBe("");
  });

  it("uses the environment it is given", async () => {
    const fake = fakeIo("/", { ACME_ORDERS_UPSTREAM_URL: "not a url" });
    expect(await configCheckCommand([sampleConfigDir], fake.io)).toBe(1);
    expect(fake.stderr()).toContain(
      "apis/orders/api.yaml:11: apis.orders.upstream.url: must be an absolute http:// or https:// URL\n",
    );
  });

  it("prints every problem to stderr and exits 1", async () => {
    const copy = await copySampleConfig();
    cleanups.push(copy.remove);
    await editConfigFile(copy.dir, "plans.yaml", "id: free", "id: Free");
    await editConfigFile(copy.dir, "apis/orders/api.yaml", "plans: [free, ", "plans: [gratis, ");
    await editConfigFile(
      copy.dir,
      "groups.yaml",
      "  - id: developers\n",
      "  - id: developers\n    extra: 1\n",
    );
    const fake = fakeIo("/");
    expect(await configCheckCommand([copy.dir], fake.io)).toBe(1);
    expect(fake.stdout()).toBe("");
    const lines = fake.stderr().trimEnd().split("\n");
    expect(lines).toEqual([
      'apis/orders/api.yaml:21: apis.orders.plans[0]: unknown plan "gratis" (known: Free, basic, internal, premium)',
      'groups.yaml:12: groups.developers.extra: unknown key "extra"',
      "plans.yaml:2: plans[0].id: must be 1–63 lowercase letters, digits, '-' or '_', starting with a letter or digit",
      `3 problems in ${copy.dir}`,
    ]);
  });

  it("reports a directory that does not exist as a problem (exit 1)", async () => {
    const fake = fakeIo("/tmp");
    expect(await configCheckCommand(["does-not-exist-here"], fake.io)).toBe(1);
    expect(fake.stderr()).toContain(".: /tmp/does-not-exist-here is not a directory\n");
  });

  it("exits 2 with usage for missing or extra arguments", async () => {
    for (const args of [[], ["a", "b"], ["--verbose"]]) {
      const fake = fakeIo("/");
      expect(await configCheckCommand(args, fake.io)).toBe(2);
      expect(fake.stderr()).toContain("Usage: portal config check DIR");
      expect(fake.stdout()).toBe("");
    }
  });

  it("prints usage and exits 0 for --help", async () => {
    const fake = fakeIo("/");
    expect(await configCheckCommand(["--help"], fake.io)).toBe(0);
    expect(fake.stdout()).toBe("Usage: portal config check DIR\n");
  });
});

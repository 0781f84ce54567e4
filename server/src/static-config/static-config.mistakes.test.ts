import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProblem, StaticConfigError, type ConfigProblem } from "./config-problem.js";
import { copySampleConfig, editConfigFile, lineOf } from "./sample-config.fixture.js";
import { loadStaticConfig } from "./static-config.loader.js";

interface Expected {
  readonly mistake: string;
  readonly file: string;
  readonly path?: string;
  /** The line, or a text whose first line in the final file is the expected line. */
  readonly line?: number | string;
  readonly message: string | RegExp;
}

/**
 * Many different mistakes injected into one copy of the sample: every one must be reported, in the same error,
 * with its file, path and line, and nothing else may be reported (no follow-up noise).
 */
describe("a configuration with many mistakes", () => {
  let dir: string;
  let remove: () => Promise<void>;
  const expected: Expected[] = [];
  let problems: readonly ConfigProblem[] = [];
  let message = "";

  beforeAll(async () => {
    ({ dir, remove } = await copySampleConfig());
    const edit = (file: string, search: string, replacement: string) =>
      editConfigFile(dir, file, search, replacement);

    // 1. Broken YAML: an unclosed flow sequence. The rest of the configuration is still checked.
    const brokenYaml = "openapi: 3.0.3\ninfo:\n  title: Catalog\n  version: 1.0.0\npaths:\n  /x: [oops\n";
    await writeFile(path.join(dir, "apis/catalog/openapi.yaml"), brokenYaml);
    expected.push({
      mistake: "broken YAML",
      file: "apis/catalog/openapi.yaml",
      path: "apis.catalog.openapi",
      line: 7,
      message: /^YAML: Flow sequence/,
    });

    // 2. Unknown key.
    await edit("groups.yaml", "    name: Developers\n", "    name: Developers\n    colour: blue\n");
    expected.push({
      mistake: "unknown key",
      file: "groups.yaml",
      path: "groups.developers.colour",
      line: "colour",
      message: 'unknown key "colour"',
    });

    // 3. Wrong type.
    await edit("plans.yaml", "    needsApproval: true\n", '    needsApproval: "yes"\n');
    expected.push({
      mistake: "wrong type",
      file: "plans.yaml",
      path: "plans.premium.needsApproval",
      line: "needsApproval",
      message: /expected boolean/,
    });

    // 4. Duplicate id (a second plan "basic", inserted as the fourth): duplicates are named by index.
    const plans = await edit(
      "plans.yaml",
      "  - id: internal\n",
      "  - id: basic\n    name: Basic again\n  - id: internal\n",
    );
    expected.push({
      mistake: "duplicate id",
      file: "plans.yaml",
      path: "plans[3].id",
      line: "id: basic\n    name: Basic again",
      message: `duplicate plan id "basic" (first defined at line ${lineOf(plans, "id: basic")})`,
    });

    // 5. A referenced file is missing.
    await rm(path.join(dir, "apis/logistics/description.md"));
    expected.push({
      mistake: "missing referenced file",
      file: "apis/logistics/api.yaml",
      path: "apis.logistics.descriptionFile",
      line: "descriptionFile",
      message: "file apis/logistics/description.md not found",
    });

    // 6. Undefined ${VAR} (and no follow-up "invalid URL" for the unsubstituted text).
    await edit(
      "apis/orders/api.yaml",
      "${ACME_ORDERS_UPSTREAM_URL:-http://orders.acme.internal:8080}",
      "${ORDERS_UPSTREAM}",
    );
    expected.push({
      mistake: "undefined variable",
      file: "apis/orders/api.yaml",
      path: "apis.orders.upstream.url",
      line: "${ORDERS_UPSTREAM}",
      message: /^undefined variable ORDERS_UPSTREAM/,
    });

    // 7. Unknown plan id.
    await edit("apis/payments/api.yaml", "plans: [basic, premium]", "plans: [basic, gold]");
    expected.push({
      mistake: "unknown plan",
      file: "apis/payments/api.yaml",
      path: "apis.payments.plans[1]",
      line: "plans: [basic, gold]",
      message: 'unknown plan "gold" (known: basic, free, internal, premium)',
    });

    // 8. A route path that does not start with "/".
    await edit("apis/payments/api.yaml", "paths: [/payments/v1]", "paths: [payments/v1]");
    expected.push({
      mistake: "route path without /",
      file: "apis/payments/api.yaml",
      path: "apis.payments.routes[0].paths[0]",
      line: "paths: [payments/v1]",
      message: "must start with /",
    });

    // 9. Unknown group, in the front matter of a content page (line numbers count the --- line).
    await edit("content/partners/onboarding.md", "requiredGroup: partners", "requiredGroup: partner");
    expected.push({
      mistake: "unknown group",
      file: "content/partners/onboarding.md",
      path: "content.partners.onboarding.requiredGroup",
      line: "requiredGroup",
      message: /^unknown group "partner" \(known: admin, approvers, developers, internal, partners\)$/,
    });

    // 10. API id differs from its folder.
    await edit("apis/inventory-v1/api.yaml", "id: inventory-v1", "id: inventory");
    expected.push({
      mistake: "id ≠ folder",
      file: "apis/inventory-v1/api.yaml",
      path: "apis.inventory-v1.id",
      line: 1,
      message: 'must equal the folder name "inventory-v1"',
    });

    // 11. Unknown template placeholder.
    await edit(
      "templates/email/subscription-approved.en.yaml",
      "Hello {{user.name}}",
      "Hi {{user.firstName}}",
    );
    expected.push({
      mistake: "unknown placeholder",
      file: "templates/email/subscription-approved.en.yaml",
      path: "templates.email.subscription-approved.en.text",
      line: "text:",
      message: /^unknown placeholder \{\{user\.firstName\}\} \(available: .*user\.name/,
    });

    // 12. Invalid URL.
    await edit("portal.yaml", "${API_GATEWAY_URL:-http://localhost:8000}", "localhost:8000");
    expected.push({
      mistake: "invalid URL",
      file: "portal.yaml",
      path: "portal.urls.apiGateway",
      line: "apiGateway",
      message: "must be an absolute http:// or https:// URL",
    });

    // 13. No admin group left.
    await edit("groups.yaml", "    admin: true\n", "");
    expected.push({
      mistake: "no admin group",
      file: "groups.yaml",
      path: "groups",
      line: "groups:",
      message: "no group has admin: true; at least one admin group is needed",
    });

    // 14. Strict JSON: a wrong discriminator in a .json API definition.
    await edit("apis/catalog/api.json", '"auth": { "type": "none" }', '"auth": { "type": "basic" }');
    expected.push({
      mistake: "unknown auth type",
      file: "apis/catalog/api.json",
      path: "apis.catalog.auth.type",
      line: '"type": "basic"',
      message: /Expected 'key-auth' \| 'oauth2' \| 'none'/,
    });

    // 15. A required email template variant is missing.
    await rm(path.join(dir, "templates/email/email-change.en.yaml"));
    expected.push({
      mistake: "missing en template",
      file: "templates/email/email-change.en.yaml",
      message: 'file not found (every email template needs an "en" variant)',
    });

    // 16. An unknown chat event.
    await edit("portal.yaml", "events: [user-signed-up,", "events: [user-logged-in,");
    expected.push({
      mistake: "unknown chat event",
      file: "portal.yaml",
      path: "portal.chatbot.targets[0].events[0]",
      line: "user-logged-in",
      message: /expected one of "user-signed-up"/,
    });

    // 17. Malformed variable reference in an OpenAPI document (substitution covers every YAML/JSON file).
    await edit("apis/orders/openapi.yaml", "${API_GATEWAY_URL:-http://localhost:8000}", "${API GATEWAY}");
    expected.push({
      mistake: "malformed reference",
      file: "apis/orders/openapi.yaml",
      path: "apis.orders.openapi.servers[0].url",
      line: "${API GATEWAY}",
      message: /^invalid variable reference "\$\{API GATEWAY\}"/,
    });

    // 18. A partner API without requiredGroup.
    await edit("apis/logistics/api.yaml", "requiredGroup: partners\n", "");
    expected.push({
      mistake: "partner without group",
      file: "apis/logistics/api.yaml",
      path: "apis.logistics.partner",
      line: "partner: true",
      message: /^a partner API needs requiredGroup/,
    });

    const error = await loadStaticConfig(dir, {}).catch((caught: unknown) => caught);
    if (!(error instanceof StaticConfigError))
      throw new Error(`expected a StaticConfigError, got ${String(error)}`);
    problems = error.problems;
    message = error.message;
  });

  afterAll(async () => {
    await remove();
  });

  it("injects at least ten different mistakes", () => {
    expect(new Set(expected.map((e) => e.mistake)).size).toBeGreaterThanOrEqual(10);
  });

  it("reports every mistake with its file, path and line", async () => {
    for (const want of expected) {
      const match = problems.find(
        (problem) =>
          problem.file === want.file &&
          problem.path === (want.path ?? "") &&
          (typeof want.message === "string"
            ? problem.message === want.message
            : want.message.test(problem.message)),
      );
      expect(match, `${want.mistake}: ${want.file} ${want.path ?? ""}\n${message}`).toBeDefined();
      const line =
        typeof want.line === "string"
          ? lineOf(await readFile(path.join(dir, want.file), "utf8"), want.line)
          : want.line;
      expect(match?.line, `${want.mistake}: line`).toBe(line);
    }
  });

  it("reports nothing else", () => {
    expect(problems.map(formatProblem)).toHaveLength(expected.length);
  });

  it("lists every problem in the error message as file:line: path: message", () => {
    for (const problem of problems) expect(message).toContain(formatProblem(problem));
    expect(message).toContain(`(${expected.length} problems)`);
    expect(message).toMatch(/apis\/orders\/api\.yaml:\d+: apis\.orders\.upstream\.url: undefined variable/);
  });
});

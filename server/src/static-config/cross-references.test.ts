import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatProblem, StaticConfigError } from "./config-problem.js";
import { copySampleConfig, editConfigFile } from "./sample-config.fixture.js";
import { loadStaticConfig } from "./static-config.loader.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** Applies edits to a copy of the sample and returns the formatted problems (one line each). */
async function problemsAfter(change: (dir: string) => Promise<unknown>): Promise<string[]> {
  const copy = await copySampleConfig();
  cleanups.push(copy.remove);
  await change(copy.dir);
  const error = await loadStaticConfig(copy.dir, {}).catch((caught: unknown) => caught);
  if (!(error instanceof StaticConfigError)) throw new Error("expected the configuration to be rejected");
  return error.problems.map(formatProblem);
}

describe("cross-reference and combination rules", () => {
  it("refuses two APIs on the same path and host for overlapping methods", async () => {
    const problems = await problemsAfter((dir) =>
      editConfigFile(dir, "apis/payments/api.yaml", "paths: [/payments/v1]", "paths: [/orders/v2/]"),
    );
    expect(problems).toEqual([
      "apis/payments/api.yaml:25: apis.payments.routes[0].paths[0]: path /orders/v2/ is also routed to API orders (routes[0].paths[0])",
    ]);
  });

  it("allows the same path on different hosts or for disjoint methods", async () => {
    const copy = await copySampleConfig();
    cleanups.push(copy.remove);
    await editConfigFile(
      copy.dir,
      "apis/inventory-v1/api.yaml",
      "  - paths: [/inventory/v1]\n    methods: [GET]",
      "  - paths: [/orders/v2]\n    hosts: [legacy.acme.example]\n  - paths: [/catalog/v1]\n    methods: [DELETE]",
    );
    await expect(loadStaticConfig(copy.dir, {})).resolves.toBeDefined();
  });

  it("keeps admin and approver groups out of the default group", async () => {
    const problems = await problemsAfter((dir) =>
      editConfigFile(dir, "portal.yaml", "defaultGroup: developers", "defaultGroup: approvers"),
    );
    expect(problems).toEqual([
      "portal.yaml:19: portal.defaultGroup: every verified user joins this group; it must not be an admin or approver group",
    ]);
  });

  it("requires plans for APIs with auth and none for APIs without", async () => {
    const problems = await problemsAfter(async (dir) => {
      await editConfigFile(
        dir,
        "apis/orders/api.yaml",
        "plans: [free, basic, premium, internal]",
        "plans: []",
      );
      await editConfigFile(
        dir,
        "apis/catalog/api.json",
        '"auth": { "type": "none" },',
        '"auth": { "type": "none" },\n  "plans": ["free"],',
      );
    });
    expect(problems).toEqual([
      "apis/catalog/api.json:8: apis.catalog.plans: an API without authentication has no subscriptions, so it cannot have plans",
      "apis/orders/api.yaml:21: apis.orders.plans: must list at least one plan (nobody could subscribe otherwise)",
    ]);
  });

  it("refuses gateway plugins the portal manages, duplicate plugins and duplicate altIds", async () => {
    const problems = await problemsAfter(async (dir) => {
      await editConfigFile(dir, "apis/orders/api.yaml", "  - name: correlation-id\n", "  - name: key-auth\n");
      await editConfigFile(
        dir,
        "plans.yaml",
        "    requiredGroup: internal\n",
        "    requiredGroup: internal\n    plugins:\n      - name: cors\n      - name: cors\n",
      );
      await editConfigFile(
        dir,
        "groups.yaml",
        'altIds: ["CN=Acme-Partners',
        'altIds: ["CN=Acme-Staff,OU=Groups,DC=acme,DC=example", "CN=Acme-Partners',
      );
    });
    expect(problems).toEqual([
      "apis/orders/api.yaml:25: apis.orders.plugins[0].name: plugin key-auth is managed by the portal (from the API's auth); remove it",
      'groups.yaml:21: groups.internal.altIds[0]: "CN=Acme-Staff,OU=Groups,DC=acme,DC=example" is also an altId of group partners',
      "plans.yaml:38: plans.internal.plugins[1].name: plugin cors is listed twice",
    ]);
  });

  it("keeps the linked legal pages public and needs templates for the chat events in use", async () => {
    const problems = await problemsAfter(async (dir) => {
      await editConfigFile(
        dir,
        "content/privacy-policy.md",
        "order: 91",
        "order: 91\nrequiredGroup: developers",
      );
      await rm(path.join(dir, "templates/chat/listener-failing.yaml"));
    });
    expect(problems).toEqual([
      "content/privacy-policy.md:4: content.privacy-policy.requiredGroup: this page is linked for everyone and must not require a group",
      "portal.yaml:48: portal.chatbot.targets[0].events[2]: no chat template for this event (add templates/chat/listener-failing.yaml or templates.listener-failing here)",
    ]);
  });

  it("checks a chat target's own templates: placeholders, listed events, and that they stand in for the shared file", async () => {
    const problems = await problemsAfter(async (dir) => {
      await rm(path.join(dir, "templates/chat/approval-requested.yaml"));
      await editConfigFile(dir, "portal.yaml", "({{user.email}}) asks", "({{requester.name}}) asks");
      await editConfigFile(
        dir,
        "portal.yaml",
        "      templates:\n",
        '      templates:\n        user-signed-up:\n          text: "{{user.name}}"\n',
      );
    });
    expect(problems).toEqual([
      "portal.yaml:48: portal.chatbot.targets[0].events[1]: no chat template for this event (add templates/chat/approval-requested.yaml or templates.approval-requested here)",
      "portal.yaml:60: portal.chatbot.targets[1].templates.user-signed-up: a template for an event this target does not list in events",
      "portal.yaml:64: portal.chatbot.targets[1].templates.approval-requested.text: unknown placeholder {{requester.name}} (available: portal.title, portal.url, user.name, user.email, application.id, application.name, api.id, api.name, plan.id, plan.name, link)",
    ]);
  });

  it("reports unknown template files, locales and duplicates", async () => {
    const problems = await problemsAfter(async (dir) => {
      await writeFile(path.join(dir, "templates/email/verify_email.mustache"), "Hello {{name}}");
      await writeFile(path.join(dir, "templates/email/welcome.en.yaml"), "subject: x\ntext: y\n");
      await writeFile(path.join(dir, "templates/email/verify-email.EN.yaml"), "subject: x\ntext: y\n");
      await writeFile(path.join(dir, "templates/email/verify-email.de.yml"), "subject: x\ntext: y\n");
    });
    expect(problems).toEqual([
      'templates/email/verify-email.EN.yaml: "EN" is not a locale such as en, de or pt-BR',
      "templates/email/verify-email.de.yml: another file already defines template verify-email.de",
      "templates/email/verify_email.mustache: expected templates/email/<name>.<locale>.yaml",
      expect.stringMatching(
        /^templates\/email\/welcome\.en\.yaml: unknown email template "welcome"/,
      ) as string,
    ]);
  });

  it("checks OpenAPI files: present, parseable, really OpenAPI", async () => {
    const problems = await problemsAfter(async (dir) => {
      await writeFile(path.join(dir, "apis/catalog/openapi.yaml"), "title: not an OpenAPI document\n");
      await editConfigFile(
        dir,
        "apis/orders/api.yaml",
        "file: openapi.yaml",
        "file: ../payments/openapi.yaml",
      );
      await editConfigFile(dir, "apis/payments/api.yaml", "file: openapi.yaml", "file: openapi.yml");
      await editConfigFile(dir, "apis/logistics/openapi.json", '"openapi": "3.0.3"', '"openapi": 3');
    });
    expect(problems).toEqual([
      "apis/catalog/openapi.yaml:1: apis.catalog.openapi: not an OpenAPI document: it has neither an openapi nor a swagger key",
      'apis/logistics/openapi.json:2: apis.logistics.openapi.openapi: must be an OpenAPI 3 version such as "3.0.3" or "3.1.0" (quoted)',
      "apis/orders/api.yaml:23: apis.orders.openapi.file: must be a path relative to the API folder, without '..'",
      "apis/payments/api.yaml:29: apis.payments.openapi.file: file apis/payments/openapi.yml not found",
    ]);
  });

  it("keeps $${ as a literal ${ in values", async () => {
    const copy = await copySampleConfig();
    cleanups.push(copy.remove);
    await editConfigFile(copy.dir, "plans.yaml", "name: Free", "name: Free $${NOT_A_VARIABLE}");
    const config = await loadStaticConfig(copy.dir, {});
    expect(config.plans[0]?.name).toBe("Free ${NOT_A_VARIABLE}");
  });
});

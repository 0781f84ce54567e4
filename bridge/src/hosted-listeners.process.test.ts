import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKongDouble } from "./kong-double/kong-double.js";
import { BridgeProcess, PortalProcess, bridgeToken } from "./testing/processes.js";
import { eventually } from "./testing/eventually.js";

/**
 * The embedded default: the bridge process hosts the built-in listeners its configuration asks for, registers them
 * like any other listener, and they work — here the mailer writes the verification mail of a sign-up to the
 * outbox, and the chatbot stays off because no chat target's URL variable is set.
 */
describe("built-in listeners hosted by the bridge process", () => {
  let portal: PortalProcess;
  let bridge: BridgeProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    portal = await PortalProcess.start();
    dataDir = await mkdtemp(path.join(tmpdir(), "bridge-hosting-"));
  });
  afterAll(async () => {
    await bridge?.stop();
    await portal?.remove();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("hosts the mailer (outbox) and leaves the chatbot and the Kong adapter off, saying why", async () => {
    bridge = await BridgeProcess.start(portal.url, { BRIDGE_LISTENERS: "auto", PORTAL_DATA_DIR: dataDir });
    const line = await eventually("the start-up line", () =>
      Promise.resolve(/Built-in listeners: (.*)/.exec(bridge?.output() ?? "")?.[1]),
    );
    expect(line).toContain(
      `mailer on: no SMTP server, mails go to the outbox ${path.join(dataDir, "outbox")}`,
    );
    expect(line).toContain(
      "chatbot off: no chat target URL is set (ACME_SLACK_WEBHOOK_URL, ACME_TEAMS_WEBHOOK_URL)",
    );
    expect(line).toContain("kong-adapter off: KONG_ADMIN_URL is not set");

    const listeners = await fetch(`${portal.url}/webhooks/listeners`, {
      headers: { authorization: `Bearer ${bridgeToken}` },
    });
    const body = (await listeners.json()) as { listeners: { id: string; url: string }[] };
    expect(body.listeners.map((listener) => listener.id)).toEqual(["mailer"]);
    expect(body.listeners[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("delivers a sign-up's verification mail to the outbox", async () => {
    const answer = await fetch(`${portal.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation ($input: SignUpInput!) { signUp(input: $input) { __typename } }`,
        variables: {
          input: {
            email: "hosted@example.com",
            password: "Hosted-password-1234",
            displayName: "Hosted Mailer",
            profile: [{ field: "name", value: "Hosted Mailer" }],
          },
        },
      }),
    });
    expect(((await answer.json()) as { errors?: unknown }).errors).toBeUndefined();
    const outbox = path.join(dataDir, "outbox");
    const file = await eventually("a mail in the outbox", async () => {
      const files = await readdir(outbox).catch(() => [] as string[]);
      return files.find((name) => name.endsWith(".eml"));
    });
    const mail = await readFile(path.join(outbox, file), "utf8");
    expect(mail).toMatch(/^To: .*hosted@example\.com/m);
    expect(mail).toContain("/verify-email");
  });

  it("hosts the Kong adapter when KONG_ADMIN_URL is set, which brings Kong in line with the portal", async () => {
    await bridge?.stop();
    const kong = await startKongDouble({ checkRequests: true });
    try {
      bridge = await BridgeProcess.start(portal.url, {
        BRIDGE_LISTENERS: "auto",
        PORTAL_DATA_DIR: dataDir,
        KONG_ADMIN_URL: kong.url,
      });
      const line = await eventually("the start-up line", () =>
        Promise.resolve(/Built-in listeners: (.*)/.exec(bridge?.output() ?? "")?.[1]),
      );
      expect(line).toContain(`kong-adapter on: Kong at ${kong.url}`);
      // The adapter's start-up reconcile creates one Kong service per API of the sample configuration.
      await eventually("the APIs as Kong services", () =>
        Promise.resolve(kong.store.list("services").length >= 5 ? true : undefined),
      );
      expect(kong.openApiViolations).toEqual([]);
    } finally {
      await bridge?.stop();
      await kong.close();
    }
  });
});

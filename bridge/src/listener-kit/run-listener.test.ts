import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebhookEvent } from "../portal-client.js";
import { webhookHeaders } from "../standard-webhooks.js";
import { PortalCalls } from "../testing/portal-calls.js";
import { BridgeProcess, PortalProcess, listenerToken } from "../testing/processes.js";
import type { BuiltInListener, ListenerHealth } from "./built-in-listener.js";
import { derivedListenerSecret } from "./listener-secret.js";
import { RegistrationRefusedError } from "./listener-registration.js";
import { runBuiltInListener, type RunningListener } from "./run-listener.js";
import { eventually } from "../testing/eventually.js";

/** A listener that records what it handled and fails the batches the test tells it to fail. */
class RecordingListener implements BuiltInListener {
  readonly id = "recording";
  readonly events = ["access_token.created"];
  readonly handled: { webhookId: string; names: string[] }[] = [];
  readonly attempts: string[] = [];
  failNext = 0;
  status: ListenerHealth["status"] = "ok";
  started = false;
  stopped = false;
  readonly routes = [
    {
      method: "POST" as const,
      path: "/echo",
      handle: (request: { body: string }) => Promise.resolve({ status: 200, body: { echoed: request.body } }),
    },
  ];

  start(): Promise<void> {
    this.started = true;
    return Promise.resolve();
  }
  handle(events: readonly WebhookEvent[], delivery: { webhookId: string }): Promise<void> {
    this.attempts.push(delivery.webhookId);
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new Error("the downstream system is away"));
    }
    this.handled.push({
      webhookId: delivery.webhookId,
      names: events.map((event) => String((event.payload as { name?: unknown }).name)),
    });
    return Promise.resolve();
  }
  health(): ListenerHealth {
    return { status: this.status, detail: { handled: this.handled.length } };
  }
  stop(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }
}

describe("running a built-in listener against a real portal and bridge", () => {
  let portal: PortalProcess;
  let bridge: BridgeProcess;
  let calls: PortalCalls;
  let running: RunningListener;
  const listener = new RecordingListener();
  const logger = pino({ level: "silent" });

  beforeAll(async () => {
    portal = await PortalProcess.start();
    calls = new PortalCalls(() => portal.url);
    running = await runBuiltInListener(listener, { portalUrl: portal.url, token: listenerToken, logger });
    bridge = await BridgeProcess.start(portal.url);
  });
  afterAll(async () => {
    await bridge?.stop();
    await running?.close();
    await portal?.remove();
  });

  it("registers itself with its filter and the secret derived from its token", async () => {
    expect(listener.started).toBe(true);
    const { status, body } = await calls.rest<{ url: string; events: string[] }>(
      "GET",
      "/webhooks/listeners/recording",
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ url: running.url, events: ["access_token.created"] });
  });

  it("receives the events in order, and a failed batch again with the same webhook-id", async () => {
    await calls.event("kit-1");
    await eventually("the first event", () => listener.handled.length === 1);
    expect(listener.handled[0]?.names).toEqual(["kit-1"]);

    listener.failNext = 2;
    await calls.event("kit-2");
    await eventually("the retried event", () => listener.handled.length === 2);
    const retried = listener.handled[1];
    expect(retried?.names).toEqual(["kit-2"]);
    expect(listener.attempts.filter((id) => id === retried?.webhookId)).toHaveLength(3);
  });

  it("refuses unsigned or wrongly signed deliveries and malformed batches", async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(running.url, { method: "POST", headers, body });
    const body = JSON.stringify([{ id: "1", sequence: 1, name: "access_token.created", payload: {} }]);
    expect((await post(body, { "content-type": "application/json" })).status).toBe(401);
    const wrong = webhookHeaders(
      derivedListenerSecret("another-token", "recording"),
      "msg_x",
      body,
      new Date(),
    );
    expect((await post(body, wrong)).status).toBe(401);

    const secret = derivedListenerSecret(listenerToken, "recording");
    const notArray = "{}";
    const answer = await post(notArray, webhookHeaders(secret, "msg_y", notArray, new Date()));
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      error: { message: "the body must be a JSON array of events" },
    });
    const noName = JSON.stringify([{ sequence: 3 }]);
    const refused = await post(noName, webhookHeaders(secret, "msg_z", noName, new Date()));
    expect(await refused.json()).toMatchObject({ error: { message: "event [0] has no name or sequence" } });
    expect(listener.attempts).not.toContain("msg_y");
  });

  it("serves its health and its own routes", async () => {
    const health = await fetch(`${running.url}healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ listener: "recording", status: "ok" });
    listener.status = "down";
    expect((await fetch(`${running.url}healthz`)).status).toBe(503);
    listener.status = "ok";
    const echo = await fetch(`${running.url}echo`, { method: "POST", body: "hi" });
    expect(await echo.json()).toEqual({ echoed: "hi" });
    expect((await fetch(`${running.url}nothing`)).status).toBe(404);
  });

  it("fails at once when the portal refuses the registration, and stops the listener again", async () => {
    const refused = new RecordingListener();
    await expect(
      runBuiltInListener(refused, {
        portalUrl: portal.url,
        token: "not-a-service-account-token-at-all",
        logger,
      }),
    ).rejects.toBeInstanceOf(RegistrationRefusedError);
    expect(refused.stopped).toBe(true);
  });
});

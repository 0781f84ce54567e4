import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { expect, it } from "vitest";
import type { ServiceActor } from "../actor/actor.js";
import { appendEvent } from "../events/outbox.repository.js";
import { system } from "../actor/actor.js";
import { loadRuntimeConfig } from "../runtime-config/runtime-config.js";
import { describeEachBackend } from "../testing/backends.js";
import { testLogger } from "../testing/test-logger.js";
import type { ServiceDependencies } from "../app/portal-services.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { purgeExpiredWebhookRecords } from "./webhook-retention.js";
import { createWebhookServices } from "./webhook-services.js";

const origin = { address: null, userAgent: null, requestId: null };
const bridge: ServiceActor = { kind: "service", serviceAccountId: "bridge", scope: "write", origin };
const mailer: ServiceActor = { ...bridge, serviceAccountId: "mailer" };

describeEachBackend("webhook delivery (service)", (getHandle) => {
  const setup = (clock: () => Date) => {
    const runtime = loadRuntimeConfig(
      { PORTAL_ENCRYPTION_KEYS: `test:${randomBytes(32).toString("base64")}` },
      tmpdir(),
    );
    const deps: ServiceDependencies = {
      db: getHandle().db,
      config: {} as StaticConfig,
      runtime,
      logger: testLogger(),
      clock,
    };
    return createWebhookServices(deps);
  };

  it("lets another holder take a lease once it expired, and then refuses the old holder", async () => {
    let now = new Date("2026-04-01T10:00:00.000Z");
    const services = setup(() => now);
    await services.listeners.register(mailer, "expiring", { url: "http://mailer/", from: "earliest" });
    await services.delivery.acquireLease(bridge, "expiring", { holder: "a", ttlSeconds: 10 });
    now = new Date("2026-04-01T10:00:05.000Z");
    await expect(services.delivery.acquireLease(bridge, "expiring", { holder: "b" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    now = new Date("2026-04-01T10:00:10.000Z");
    await expect(services.delivery.acquireLease(bridge, "expiring", { holder: "b" })).resolves.toMatchObject({
      holder: "b",
      expiresAt: "2026-04-01T10:00:40.000Z",
    });
    await expect(services.delivery.claim(bridge, "expiring", { holder: "a" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(services.delivery.claim(bridge, "expiring", { holder: "b" })).resolves.toMatchObject({
      attempt: 1,
    });
  });

  it("purges dead letters and delivery attempts older than the retention period", async () => {
    let now = new Date("2026-04-01T10:00:00.000Z");
    const services = setup(() => now);
    const db = getHandle().db;
    await services.listeners.register(mailer, "old", { url: "http://mailer/", events: ["user.*"] });
    await services.delivery.acquireLease(bridge, "old", { holder: "a", ttlSeconds: 300 });
    const deadLetterOne = async () => {
      await appendEvent(
        db,
        system("test"),
        "user.verified",
        { userId: "u", email: "u@x.test", groups: [] },
        now,
      );
      const delivery = await services.delivery.claim(bridge, "old", { holder: "a" });
      await services.delivery.deadLetter(bridge, "old", delivery?.deliveryId, {
        holder: "a",
        reason: "test",
      });
    };
    await deadLetterOne();
    now = new Date("2026-04-09T10:00:00.000Z");
    await services.delivery.acquireLease(bridge, "old", { holder: "a", ttlSeconds: 300 });
    await deadLetterOne();
    expect(await purgeExpiredWebhookRecords(db, 7, now)).toBe(2);
    const letters = await db.selectFrom("webhook_dead_letters").select("dead_lettered_at").execute();
    expect(letters.map((l) => l.dead_lettered_at)).toEqual(["2026-04-09T10:00:00.000Z"]);
    const attempts = await db.selectFrom("webhook_delivery_attempts").select("started_at").execute();
    expect(attempts.map((a) => a.started_at)).toEqual(["2026-04-09T10:00:00.000Z"]);
  });
});

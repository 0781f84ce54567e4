import { expect, it } from "vitest";
import { system } from "../actor/actor.js";
import { describeEachBackend } from "../testing/backends.js";
import {
  auditActionsOf,
  createWorld,
  eventsNamed,
  failureOf,
  readOnly,
  subscribe,
  type World,
} from "./subscription.fixtures.js";

const service = (world: World) => world.services.subscriptions.subscriptions;
const validCredentialIds = async (world: World, subscriptionId: string) => {
  const visible = await service(world).get(world.users.owner, subscriptionId);
  const [list] = await world.services.subscriptions.credentials.credentialsOf(world.users.owner, [visible]);
  return (list ?? []).map((c) => c.id);
};

describeEachBackend("subscription changes", (getHandle) => {
  it("changes to a plan without approval in place, and back to the queue for one that needs it", async () => {
    const world = await createWorld(getHandle().db);
    const { owner, collaborator, admin } = world.users;
    const subscription = await subscribe(world, owner, world.shopApp, "orders", "free");
    const [credentialId] = await validCredentialIds(world, subscription.id);
    world.clock.advance(60);

    const basic = await service(world).changePlan(collaborator, {
      subscriptionId: subscription.id,
      planId: "basic",
    });
    expect(basic).toMatchObject({ planId: "basic", status: "approved", requestedBy: collaborator.userId });
    expect(await validCredentialIds(world, subscription.id)).toEqual([credentialId]);

    world.clock.advance(60);
    const premium = await service(world).changePlan(owner, {
      subscriptionId: subscription.id,
      planId: "premium",
    });
    expect(premium).toMatchObject({ planId: "premium", status: "pending_approval", approvedAt: null });
    expect(await validCredentialIds(world, subscription.id)).toEqual([]);
    const changes = await eventsNamed(world.db, "subscription.plan_changed");
    expect(changes.map((c) => [c.previousPlanId, c.planId, c.previousStatus, c.status])).toEqual([
      ["free", "basic", "approved", "approved"],
      ["basic", "premium", "approved", "pending_approval"],
    ]);
    expect(changes[1]?.revokedCredentialIds).toEqual([credentialId]);
    expect((await eventsNamed(world.db, "approval.requested")).map((r) => r.planId)).toEqual(["premium"]);
    const queue = await world.services.subscriptions.approvals.queue(admin, { first: 5, after: null });
    expect(queue.items[0]?.node.waitingSeconds).toBe(0);

    world.clock.advance(60);
    const back = await service(world).changePlan(owner, { subscriptionId: subscription.id, planId: "basic" });
    expect(back).toMatchObject({ status: "approved", approvedAt: world.clock.now.toISOString() });
    const fresh = await validCredentialIds(world, subscription.id);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).not.toBe(credentialId);
    expect((await eventsNamed(world.db, "subscription.approved")).at(-1)).toMatchObject({
      previousStatus: "pending_approval",
      automatic: true,
      credentialIds: fresh,
    });
    const [history] = await service(world).historyOf([back]);
    expect(history?.map((h) => h.status)).toEqual(["approved", "pending_approval", "approved"]);
    expect(await auditActionsOf(world.db, subscription.id)).toEqual([
      "subscription.created",
      "subscription.plan_changed",
      "subscription.plan_changed",
      "subscription.plan_changed",
    ]);

    const same = await failureOf(
      service(world).changePlan(owner, { subscriptionId: subscription.id, planId: "basic" }),
    );
    expect(same.fields).toEqual(["planId:UNCHANGED"]);
    const other = await failureOf(
      service(world).changePlan(owner, { subscriptionId: subscription.id, planId: "x" }),
    );
    expect(other.fields).toEqual(["planId:NOT_A_PLAN_OF_THE_API"]);
    const reader = await failureOf(
      service(world).changePlan(world.users.reader, { subscriptionId: subscription.id, planId: "free" }),
    );
    expect(reader.code).toBe("FORBIDDEN");
  });

  it("lets a declined request be asked again with another plan", async () => {
    const world = await createWorld(getHandle().db);
    const request = await subscribe(world, world.users.owner, world.shopApp, "orders", "premium");
    await world.services.subscriptions.approvals.decline(world.users.admin, {
      subscriptionId: request.id,
      reason: "Start with basic",
    });
    const again = await service(world).changePlan(world.users.owner, {
      subscriptionId: request.id,
      planId: "basic",
    });
    expect(again).toMatchObject({ status: "approved", statusReason: null });
  });

  it("records provisioning receipts from the gateway adapter only, idempotently, with the history", async () => {
    const world = await createWorld(getHandle().db);
    const subscription = await subscribe(world, world.users.owner, world.shopApp, "orders", "basic");
    const report = (actor: Parameters<typeof subscribe>[1], input: Record<string, unknown>) =>
      service(world).reportProvisioning(actor, { subscriptionId: subscription.id, ...input });

    world.clock.advance(5);
    const failed = await report(world.bridge, { status: "provisioning_failed", reason: "Kong answered 503" });
    expect(failed).toMatchObject({ status: "provisioning_failed", statusReason: "Kong answered 503" });
    world.clock.advance(5);
    expect(await report(world.bridge, { status: "provisioned" })).toMatchObject({
      status: "provisioned",
      statusReason: null,
    });
    expect((await report(world.bridge, { status: "provisioned" })).status).toBe("provisioned");
    expect(await eventsNamed(world.db, "subscription.provisioned")).toHaveLength(1);
    expect(await eventsNamed(world.db, "subscription.provisioning_failed")).toEqual([
      expect.objectContaining({
        reason: "Kong answered 503",
        reportedBy: "bridge",
        requesterEmail: "owner@example.com",
      }),
    ]);
    const [history] = await service(world).historyOf([subscription]);
    expect(history?.map((h) => [h.status, h.reason, h.actorId])).toEqual([
      ["approved", null, world.users.owner.userId],
      ["provisioning_failed", "Kong answered 503", "bridge"],
      ["provisioned", null, "bridge"],
    ]);

    expect((await failureOf(report(world.bridge, { status: "provisioning_failed" }))).fields).toEqual([
      "reason:CUSTOM",
    ]);
    expect((await failureOf(report(world.bridge, { status: "declined" }))).fields).toEqual([
      "status:INVALID_VALUE",
    ]);
    expect((await failureOf(report(world.users.admin, { status: "provisioned" }))).code).toBe("FORBIDDEN");
    expect((await failureOf(report(world.readOnlyBridge, { status: "provisioned" }))).code).toBe(
      "INSUFFICIENT_SCOPE",
    );
    expect((await report(system("test"), { status: "provisioned", reason: "re-synced" })).statusReason).toBe(
      "re-synced",
    );
    const pending = await subscribe(world, world.users.owner, world.shopApp, "payments", "premium");
    const notYet = await failureOf(
      service(world).reportProvisioning(world.bridge, { subscriptionId: pending.id, status: "provisioned" }),
    );
    expect(notYet.code).toBe("CONFLICT");
  });

  it("unsubscribes owners' and collaborators' applications, removing the credentials", async () => {
    const world = await createWorld(getHandle().db);
    const subscription = await subscribe(world, world.users.owner, world.shopApp, "orders", "basic");
    const credentialIds = await validCredentialIds(world, subscription.id);
    const unsubscribe = (actor: Parameters<typeof subscribe>[1]) =>
      service(world).unsubscribe(actor, { subscriptionId: subscription.id });
    expect((await failureOf(unsubscribe(world.users.reader))).code).toBe("FORBIDDEN");
    expect((await failureOf(unsubscribe(world.users.outsider))).code).toBe("FORBIDDEN");
    expect((await failureOf(unsubscribe(world.bridge))).code).toBe("FORBIDDEN");
    expect((await failureOf(unsubscribe(readOnly(world.users.owner)))).code).toBe("INSUFFICIENT_SCOPE");
    await unsubscribe(world.users.collaborator);
    expect(await world.db.selectFrom("credentials").selectAll().execute()).toEqual([]);
    expect(await world.db.selectFrom("subscription_status_history").selectAll().execute()).toEqual([]);
    expect(await eventsNamed(world.db, "subscription.deleted")).toEqual([
      {
        subscriptionId: subscription.id,
        applicationId: "shop-app",
        apiId: "orders",
        planId: "basic",
        authMethod: "key-auth",
        status: "approved",
        reason: "unsubscribed",
        credentialIds,
      },
    ]);
    expect((await failureOf(unsubscribe(world.users.owner))).code).toBe("NOT_FOUND");
    expect((await failureOf(service(world).get(world.users.owner, subscription.id))).code).toBe("NOT_FOUND");
  });

  it("removes an application's subscriptions with one event each when the application is deleted", async () => {
    const world = await createWorld(getHandle().db);
    const { owner } = world.users;
    const first = await subscribe(world, owner, world.shopApp, "orders", "basic");
    const second = await subscribe(world, owner, world.shopApp, "payments", "premium");
    await world.services.applications.applications.delete(owner, { id: world.shopApp });
    const deleted = await eventsNamed(world.db, "subscription.deleted");
    expect(deleted.map((d) => [d.subscriptionId, d.reason, d.status]).sort()).toEqual(
      [
        [first.id, "application_deleted", "approved"],
        [second.id, "application_deleted", "pending_approval"],
      ].sort(),
    );
    const names = await world.db
      .selectFrom("outbox_events")
      .select("event_name")
      .orderBy("sequence")
      .execute();
    expect(names.map((n) => n.event_name).slice(-3)).toEqual([
      "subscription.deleted",
      "subscription.deleted",
      "application.deleted",
    ]);
    expect(await world.db.selectFrom("subscriptions").selectAll().execute()).toEqual([]);
    expect(await world.db.selectFrom("credentials").selectAll().execute()).toEqual([]);
  });

  it("keeps the redirect URI and the client type of applications subscribed to OAuth2 APIs consistent", async () => {
    const world = await createWorld(getHandle().db);
    const { owner } = world.users;
    await subscribe(world, owner, world.shopApp, "payments", "basic");
    const update = (input: Record<string, unknown>) =>
      world.services.applications.applications.update(owner, { id: world.shopApp, ...input });
    expect((await failureOf(update({ redirectUris: [] }))).fields).toEqual([
      "redirectUris:REDIRECT_URI_REQUIRED",
    ]);
    expect((await failureOf(update({ clientType: "public_native" }))).fields).toEqual([
      "clientType:OAUTH2_SUBSCRIPTIONS",
    ]);
    expect((await update({ name: "Shop 2", redirectUris: ["https://shop.example.com/cb2"] })).name).toBe(
      "Shop 2",
    );
  });

  it("lets approvers read the applications and subscriptions of APIs they decide on, nothing else", async () => {
    const world = await createWorld(getHandle().db);
    const { owner, partnerApprover, plainApprover } = world.users;
    const partner = await subscribe(world, owner, world.shopApp, "logistics", "premium");
    const orders = await subscribe(world, owner, world.shopApp, "orders", "basic");
    expect((await service(world).get(partnerApprover, partner.id)).role).toBeNull();
    expect((await failureOf(service(world).get(partnerApprover, orders.id))).code).toBe("FORBIDDEN");
    expect((await failureOf(service(world).get(plainApprover, partner.id))).code).toBe("FORBIDDEN");
    expect((await world.services.applications.applications.find(partnerApprover, world.shopApp))?.id).toBe(
      "shop-app",
    );
    expect(await world.services.applications.applications.find(plainApprover, world.shopApp)).toBeNull();
    const [visible] = await service(world).subscriptionsOfApplications(partnerApprover, [
      { applicationId: world.shopApp, role: null },
    ]);
    expect(visible?.map((v) => v.subscription.id)).toEqual([partner.id]);
    const [all] = await service(world).subscriptionsOfApplications(owner, [
      { applicationId: world.shopApp, role: "owner" },
    ]);
    expect(all?.map((v) => v.subscription.apiId)).toEqual(["logistics", "orders"]);
  });
});

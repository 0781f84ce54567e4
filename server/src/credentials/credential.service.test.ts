import { expect, it } from "vitest";
import type { Actor } from "../actor/actor.js";
import { describeEachBackend } from "../testing/backends.js";
import {
  auditActionsOf,
  createWorld,
  eventsNamed,
  failureOf,
  readOnly,
  subscribe,
  type World,
} from "../subscriptions/subscription.fixtures.js";

async function credentials(world: World, actor: Actor, subscriptionId: string) {
  const visible = await world.services.subscriptions.subscriptions.get(actor, subscriptionId);
  const [list] = await world.services.subscriptions.credentials.credentialsOf(actor, [visible]);
  return list;
}

const rotate = (world: World, actor: Actor, subscriptionId: string, overlapSeconds?: number) =>
  world.services.subscriptions.credentials.rotate(actor, { subscriptionId, overlapSeconds });

describeEachBackend("credentials", (getHandle) => {
  it("shows credentials to owners, collaborators and the read-write gateway adapter; null to everyone else", async () => {
    const world = await createWorld(getHandle().db);
    const { owner, collaborator, reader, admin, partnerApprover } = world.users;
    const subscription = await subscribe(world, owner, world.shopApp, "logistics", "premium");
    await world.services.subscriptions.approvals.approve(partnerApprover, {
      subscriptionId: subscription.id,
    });
    for (const actor of [owner, collaborator, world.bridge]) {
      expect((await credentials(world, actor, subscription.id))?.[0]?.clientSecret).toMatch(/^[\w-]{43}$/);
    }
    for (const actor of [reader, admin, partnerApprover, world.readOnlyBridge]) {
      expect(await credentials(world, actor, subscription.id)).toBeNull();
    }
  });

  it("rotates with an overlap: both listed until the old one expires, then only the new one", async () => {
    const world = await createWorld(getHandle().db);
    const { owner, collaborator } = world.users;
    const subscription = await subscribe(world, owner, world.shopApp, "orders", "basic");
    const [old] = (await credentials(world, owner, subscription.id)) ?? [];
    world.clock.advance(600);

    await rotate(world, collaborator, subscription.id, 3600);
    const during = (await credentials(world, owner, subscription.id)) ?? [];
    expect(during).toHaveLength(2);
    const expiresAt = new Date(world.clock.now.getTime() + 3_600_000).toISOString();
    expect(during[0]).toMatchObject({ id: old?.id, apiKey: old?.apiKey, expiresAt });
    expect(during[1]).toMatchObject({ kind: "api_key", expiresAt: null });
    expect(during[1]?.apiKey).not.toBe(old?.apiKey);

    const [event] = await eventsNamed(world.db, "subscription.credentials_rotated");
    expect(event).toEqual({
      subscriptionId: subscription.id,
      applicationId: "shop-app",
      apiId: "orders",
      planId: "basic",
      authMethod: "key-auth",
      status: "approved",
      newCredentialIds: [during[1]?.id],
      previousCredentials: [{ credentialId: old?.id, expiresAt }],
    });
    const outbox = JSON.stringify(await world.db.selectFrom("outbox_events").selectAll().execute());
    const audit = JSON.stringify(await world.db.selectFrom("audit_log").selectAll().execute());
    for (const secret of [old?.apiKey, during[1]?.apiKey]) {
      expect(outbox).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
    expect(await auditActionsOf(world.db, subscription.id)).toEqual([
      "subscription.created",
      "subscription.credentials_rotated",
    ]);

    world.clock.advance(3599);
    expect(await credentials(world, owner, subscription.id)).toHaveLength(2);
    world.clock.advance(1);
    expect((await credentials(world, owner, subscription.id))?.map((c) => c.id)).toEqual([during[1]?.id]);

    world.clock.advance(8 * 86_400);
    expect(await world.services.subscriptions.credentials.purgeEnded()).toBe(1);
    expect(await world.db.selectFrom("credentials").select("id").execute()).toEqual([{ id: during[1]?.id }]);
  });

  it("rotates with the default overlap of 24 hours, and revokes at once with overlap 0", async () => {
    const world = await createWorld(getHandle().db);
    const { owner } = world.users;
    const subscription = await subscribe(world, owner, world.shopApp, "payments", "basic");
    const [first] = (await credentials(world, owner, subscription.id)) ?? [];
    await rotate(world, owner, subscription.id);
    const listed = (await credentials(world, owner, subscription.id)) ?? [];
    expect(listed[0]).toMatchObject({
      id: first?.id,
      expiresAt: new Date(world.clock.now.getTime() + 86_400_000).toISOString(),
    });
    expect(listed[1]?.clientId).not.toBe(first?.clientId);

    world.clock.advance(10);
    await rotate(world, owner, subscription.id, 0);
    const after = (await credentials(world, owner, subscription.id)) ?? [];
    expect(after).toHaveLength(1);
    expect(after[0]?.id).not.toBe(listed[1]?.id);
    const [, second] = await eventsNamed(world.db, "subscription.credentials_rotated");
    expect(second?.previousCredentials.map((p) => p.expiresAt)).toEqual([
      world.clock.now.toISOString(),
      world.clock.now.toISOString(),
    ]);
  });

  it("refuses rotation to readers, outsiders and read-only tokens, and for pending subscriptions", async () => {
    const world = await createWorld(getHandle().db);
    const { owner, reader, outsider, admin } = world.users;
    const approved = await subscribe(world, owner, world.shopApp, "orders", "basic");
    const pending = await subscribe(world, owner, world.shopApp, "payments", "premium");
    expect((await failureOf(rotate(world, reader, approved.id))).code).toBe("FORBIDDEN");
    expect((await failureOf(rotate(world, outsider, approved.id))).code).toBe("FORBIDDEN");
    expect((await failureOf(rotate(world, world.bridge, approved.id))).code).toBe("FORBIDDEN");
    expect((await failureOf(rotate(world, readOnly(owner), approved.id))).code).toBe("INSUFFICIENT_SCOPE");
    expect((await failureOf(rotate(world, owner, pending.id))).code).toBe("CONFLICT");
    expect((await failureOf(rotate(world, owner, approved.id, -1))).fields).toEqual([
      "overlapSeconds:TOO_SMALL",
    ]);
    expect((await failureOf(rotate(world, owner, approved.id, 1.5))).fields).toEqual([
      "overlapSeconds:INVALID_TYPE",
    ]);
    expect((await rotate(world, admin, approved.id)).id).toBe(approved.id);
  });
});

import { expect, it } from "vitest";
import { system } from "../actor/actor.js";
import { openSecret } from "../crypto/secret-box.js";
import { createKeyRing } from "../crypto/key-ring.js";
import { describeEachBackend } from "../testing/backends.js";
import {
  actorOf,
  auditActionsOf,
  createWorld,
  encryptionKey,
  eventsNamed,
  failureOf,
  readOnly,
  subscribe,
  type World,
} from "./subscription.fixtures.js";

const credentialsOf = (world: World, subscriptionId: string, actor: World["users"]["owner"]) =>
  world.services.subscriptions.subscriptions
    .get(actor, subscriptionId)
    .then((visible) => world.services.subscriptions.credentials.credentialsOf(actor, [visible]))
    .then(([credentials]) => credentials);

describeEachBackend("subscribing", (getHandle) => {
  it("approves a plan without approval at once: API key (256 bits) encrypted at rest, events and audit", async () => {
    const world = await createWorld(getHandle().db);
    const { owner } = world.users;
    const subscription = await subscribe(world, owner, world.shopApp, "orders", "basic");
    expect(subscription).toMatchObject({
      applicationId: "shop-app",
      apiId: "orders",
      planId: "basic",
      status: "approved",
      requestedBy: owner.userId,
      approvedAt: world.clock.now.toISOString(),
      approvedBy: null,
    });

    const [credential] = (await credentialsOf(world, subscription.id, owner)) ?? [];
    expect(credential).toMatchObject({
      kind: "api_key",
      clientId: null,
      clientSecret: null,
      expiresAt: null,
    });
    expect(credential?.apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(credential?.apiKey ?? "", "base64url")).toHaveLength(32);

    const stored = await world.db.selectFrom("credentials").selectAll().executeTakeFirstOrThrow();
    expect(stored.secret_key_id).toBe(encryptionKey.id);
    expect(stored.secret_ciphertext).not.toContain(credential?.apiKey);
    expect(
      openSecret(
        createKeyRing([encryptionKey]),
        { ciphertext: stored.secret_ciphertext ?? "", keyId: stored.secret_key_id ?? "" },
        `credential:${stored.id}`,
      ),
    ).toBe(credential?.apiKey);

    const [created] = await eventsNamed(world.db, "subscription.created");
    expect(created).toEqual({
      subscriptionId: subscription.id,
      applicationId: "shop-app",
      apiId: "orders",
      planId: "basic",
      authMethod: "key-auth",
      requestedBy: owner.userId,
      requesterEmail: "owner@example.com",
      status: "approved",
    });
    const [approved] = await eventsNamed(world.db, "subscription.approved");
    expect(approved).toMatchObject({
      subscriptionId: subscription.id,
      automatic: true,
      previousStatus: null,
      credentialIds: [credential?.id],
    });
    expect(await eventsNamed(world.db, "approval.requested")).toEqual([]);
    const outbox = await world.db.selectFrom("outbox_events").select("payload").execute();
    expect(JSON.stringify(outbox)).not.toContain(credential?.apiKey);
    expect(await auditActionsOf(world.db, subscription.id)).toEqual(["subscription.created"]);

    const { subscription: read } = await world.services.subscriptions.subscriptions.get(
      owner,
      subscription.id,
    );
    expect(read).toEqual(subscription);
  });

  it("makes a pending subscription and an approval request for a plan that needs approval; no credentials yet", async () => {
    const world = await createWorld(getHandle().db);
    const subscription = await subscribe(world, world.users.collaborator, world.shopApp, "orders", "premium");
    expect(subscription.status).toBe("pending_approval");
    expect(subscription.approvedAt).toBeNull();
    expect(await credentialsOf(world, subscription.id, world.users.collaborator)).toEqual([]);
    expect(await eventsNamed(world.db, "approval.requested")).toEqual([
      {
        subscriptionId: subscription.id,
        applicationId: "shop-app",
        applicationName: "Shop",
        apiId: "orders",
        apiName: "Orders API",
        planId: "premium",
        planName: "Premium",
        requiredGroup: null,
        requestedBy: world.users.collaborator.userId,
        requesterEmail: "collaborator@example.com",
      },
    ]);
    expect(await eventsNamed(world.db, "subscription.approved")).toEqual([]);
  });

  it("issues an OAuth2 client id and an encrypted secret to confidential clients, a client id only to public ones", async () => {
    const world = await createWorld(getHandle().db);
    const { owner } = world.users;
    const confidential = await subscribe(world, owner, world.shopApp, "payments", "basic");
    const [credential] = (await credentialsOf(world, confidential.id, owner)) ?? [];
    expect(credential).toMatchObject({ kind: "oauth2", apiKey: null });
    expect(credential?.clientId).toMatch(/^[0-9a-f]{32}$/);
    expect(credential?.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await world.db.selectFrom("credentials").selectAll().executeTakeFirstOrThrow();
    expect(stored.client_id).toBe(credential?.clientId);
    expect(stored.secret_ciphertext).not.toContain(credential?.clientSecret);

    // logistics only offers client_credentials, so the SPA without redirect URIs may subscribe
    const publicClient = await subscribe(world, owner, world.spaApp, "logistics", "premium");
    const admin = world.users.admin;
    await world.services.subscriptions.approvals.approve(admin, { subscriptionId: publicClient.id });
    const [spaCredential] = (await credentialsOf(world, publicClient.id, owner)) ?? [];
    expect(spaCredential).toMatchObject({ kind: "oauth2", clientSecret: null, apiKey: null });
    expect(spaCredential?.clientId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("checks the API and the plan, naming the field", async () => {
    const world = await createWorld(getHandle().db);
    const { owner, admin } = world.users;
    const tryIt = (api: string, plan: string, actor = owner, app = world.shopApp) =>
      failureOf(subscribe(world, actor, app, api, plan));

    expect(await tryIt("nope", "basic")).toMatchObject({
      code: "NOT_FOUND",
      message: 'API "nope" was not found',
    });
    expect((await tryIt("orders", "gold")).fields).toEqual(["planId:NOT_A_PLAN_OF_THE_API"]);
    expect((await tryIt("payments", "free")).fields).toEqual(["planId:NOT_A_PLAN_OF_THE_API"]);
    expect((await tryIt("orders", "internal")).fields).toEqual(["planId:PLAN_NOT_ALLOWED"]);
    expect((await tryIt("catalog", "free")).fields).toEqual(["apiId:NO_AUTHENTICATION"]);
    expect((await tryIt("payments", "basic", owner, world.spaApp)).fields).toEqual([
      "applicationId:REDIRECT_URI_REQUIRED",
    ]);
    // inventory-v1 requires group internal: invisible to the owner, deprecated for an administrator
    expect((await tryIt("inventory-v1", "internal")).code).toBe("NOT_FOUND");
    expect((await tryIt("inventory-v1", "internal", admin)).fields).toEqual(["apiId:DEPRECATED"]);
    // a partner API is listed to everyone, but only members of its group subscribe
    const collaborator = world.users.collaborator;
    expect((await tryIt("logistics", "premium", collaborator)).code).toBe("NOT_FOUND");
    expect((await failureOf(subscribe(world, owner, world.shopApp, "orders", ""))).fields).toEqual([
      "planId:TOO_SMALL",
    ]);
    // administrators may use every plan
    expect((await subscribe(world, admin, world.shopApp, "orders", "internal")).status).toBe("approved");
  });

  it("allows one subscription per application and API (CONFLICT)", async () => {
    const world = await createWorld(getHandle().db);
    await subscribe(world, world.users.owner, world.shopApp, "orders", "basic");
    const again = await failureOf(
      subscribe(world, world.users.collaborator, world.shopApp, "orders", "free"),
    );
    expect(again).toMatchObject({ code: "CONFLICT" });
    expect(again.message).toContain("already subscribed");
    const both = await Promise.allSettled([
      subscribe(world, world.users.owner, world.shopApp, "payments", "basic"),
      subscribe(world, world.users.collaborator, world.shopApp, "payments", "premium"),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = both.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as { code: string }).code).toBe("CONFLICT");
  });

  it("lets owners, collaborators and administrators subscribe; refuses the others", async () => {
    const world = await createWorld(getHandle().db);
    const { owner, collaborator, reader, outsider, partnerApprover, admin } = world.users;
    const attempt = (actor: Parameters<typeof subscribe>[1], api: string) =>
      failureOf(subscribe(world, actor, world.shopApp, api, "basic")).then((f) => f.code);

    expect((await subscribe(world, owner, world.shopApp, "orders", "basic")).status).toBe("approved");
    expect((await subscribe(world, collaborator, world.shopApp, "payments", "basic")).status).toBe(
      "approved",
    );
    expect(await attempt(reader, "orders")).toBe("FORBIDDEN");
    expect(await attempt(outsider, "orders")).toBe("NOT_FOUND");
    expect(await attempt(partnerApprover, "orders")).toBe("NOT_FOUND");
    expect(await attempt(world.bridge, "orders")).toBe("FORBIDDEN");
    expect(await attempt(readOnly(owner), "orders")).toBe("INSUFFICIENT_SCOPE");
    await world.db
      .updateTable("users")
      .set({ email_verified_at: null })
      .where("id", "=", owner.userId)
      .execute();
    expect(await attempt(await actorOf(world, owner.userId), "orders")).toBe("EMAIL_NOT_VERIFIED");
    await world.services.subscriptions.subscriptions.unsubscribe(admin, {
      subscriptionId: (await subscribe(world, admin, world.shopApp, "logistics", "premium")).id,
    });
    expect(
      (await subscribe(world, system("cli"), world.shopApp, "logistics", "premium")).requestedBy,
    ).toBeNull();
  });

  it("writes nothing when issuing credentials fails inside the transaction", async () => {
    const world = await createWorld(getHandle().db);
    const issuer = (
      world.services.subscriptions.subscriptions as unknown as { deps: { issuer: { issue: unknown } } }
    ).deps.issuer;
    const original = issuer.issue;
    issuer.issue = () => Promise.reject(new Error("key store unavailable"));
    try {
      await expect(subscribe(world, world.users.owner, world.shopApp, "orders", "basic")).rejects.toThrow(
        "key store unavailable",
      );
    } finally {
      issuer.issue = original;
    }
    expect(await world.db.selectFrom("subscriptions").selectAll().execute()).toEqual([]);
    expect(await world.db.selectFrom("subscription_status_history").selectAll().execute()).toEqual([]);
    expect(await eventsNamed(world.db, "subscription.created")).toEqual([]);
    const audit = await world.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "subscription.%")
      .execute();
    expect(audit).toEqual([]);
  });
});

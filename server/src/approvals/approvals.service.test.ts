import { expect, it } from "vitest";
import { addUserToGroups } from "../groups/group-membership.repository.js";
import { describeEachBackend } from "../testing/backends.js";
import {
  actorOf,
  auditActionsOf,
  createWorld,
  eventsNamed,
  failureOf,
  readOnly,
  subscribe,
  type World,
} from "../subscriptions/subscription.fixtures.js";
import type { UserActor } from "../actor/actor.js";

const firstPage = { first: 25, after: null };

async function queueIds(world: World, actor: UserActor): Promise<string[]> {
  const page = await world.services.subscriptions.approvals.queue(actor, firstPage);
  return page.items.map((item) => item.node.subscription.id);
}

describeEachBackend("approvals", (getHandle) => {
  it("shows approvers only requests for APIs of their groups, administrators all, oldest first with the wait", async () => {
    const world = await createWorld(getHandle().db);
    const { owner, partnerApprover, plainApprover, admin } = world.users;
    const partnerRequest = await subscribe(world, owner, world.shopApp, "logistics", "premium");
    world.clock.advance(90);
    const publicRequest = await subscribe(world, owner, world.shopApp, "orders", "premium");
    world.clock.advance(30);

    expect(await queueIds(world, partnerApprover)).toEqual([partnerRequest.id]);
    expect(await queueIds(world, plainApprover)).toEqual([]);
    expect(await queueIds(world, admin)).toEqual([partnerRequest.id, publicRequest.id]);

    const page = await world.services.subscriptions.approvals.queue(admin, firstPage);
    expect(page.totalCount).toBe(2);
    const [oldest] = page.items;
    expect(oldest?.node).toMatchObject({
      application: { id: "shop-app", name: "Shop", clientType: "confidential" },
      requester: { id: owner.userId, email: "owner@example.com", displayName: "owner" },
      requestedAt: partnerRequest.createdAt,
      waitingSeconds: 120,
    });
    const second = await world.services.subscriptions.approvals.queue(admin, {
      first: 1,
      after: JSON.parse(Buffer.from(oldest?.cursor ?? "", "base64url").toString()) as string[],
    });
    expect(second.items.map((i) => i.node.subscription.id)).toEqual([publicRequest.id]);
    expect(second.hasNextPage).toBe(false);

    expect((await failureOf(world.services.subscriptions.approvals.queue(owner, firstPage))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (await failureOf(world.services.subscriptions.approvals.queue(admin, { first: 5, after: [1] }))).fields,
    ).toEqual(["after:INVALID_CURSOR"]);
  });

  it("lets an approver of the API's group approve: credentials issued, event for the mailer, audit, history", async () => {
    const world = await createWorld(getHandle().db);
    const { owner, partnerApprover } = world.users;
    const request = await subscribe(world, owner, world.shopApp, "logistics", "premium");
    world.clock.advance(60);
    const approved = await world.services.subscriptions.approvals.approve(partnerApprover, {
      subscriptionId: request.id,
    });
    expect(approved).toMatchObject({
      status: "approved",
      approvedBy: partnerApprover.userId,
      approvedAt: world.clock.now.toISOString(),
      statusReason: null,
    });
    const [event] = await eventsNamed(world.db, "subscription.approved");
    expect(event).toMatchObject({
      subscriptionId: request.id,
      authMethod: "oauth2",
      automatic: false,
      previousStatus: "pending_approval",
      approvedBy: partnerApprover.userId,
      requesterEmail: "owner@example.com",
    });
    expect(event?.credentialIds).toHaveLength(1);
    expect(await auditActionsOf(world.db, request.id)).toEqual([
      "subscription.created",
      "subscription.approved",
    ]);
    const history = await world.services.subscriptions.subscriptions.historyOf([approved]);
    expect(history[0]?.map((h) => [h.status, h.actorId])).toEqual([
      ["pending_approval", owner.userId],
      ["approved", partnerApprover.userId],
    ]);
    expect(await queueIds(world, partnerApprover)).toEqual([]);

    const again = await failureOf(
      world.services.subscriptions.approvals.approve(partnerApprover, { subscriptionId: request.id }),
    );
    expect(again.code).toBe("CONFLICT");
  });

  it("refuses approvers outside the API's group, and non-administrators for APIs without a required group", async () => {
    const world = await createWorld(getHandle().db);
    const { owner, partnerApprover, plainApprover, admin, collaborator } = world.users;
    const partnerRequest = await subscribe(world, owner, world.shopApp, "logistics", "premium");
    const publicRequest = await subscribe(world, owner, world.shopApp, "orders", "premium");
    const approve = (
      actor: Parameters<World["services"]["subscriptions"]["approvals"]["approve"]>[0],
      id: string,
    ) => failureOf(world.services.subscriptions.approvals.approve(actor, { subscriptionId: id }));

    expect((await approve(plainApprover, partnerRequest.id)).message).toContain(
      'approvers in group "partners"',
    );
    expect((await approve(partnerApprover, publicRequest.id)).message).toContain("Only administrators");
    expect((await approve(collaborator, partnerRequest.id)).code).toBe("FORBIDDEN");
    expect((await approve(world.bridge, partnerRequest.id)).code).toBe("FORBIDDEN");
    expect((await approve(readOnly(partnerApprover), partnerRequest.id)).code).toBe("INSUFFICIENT_SCOPE");
    expect((await approve(admin, "no-such-subscription")).code).toBe("NOT_FOUND");
    expect(
      (await world.services.subscriptions.approvals.approve(admin, { subscriptionId: publicRequest.id }))
        .status,
    ).toBe("approved");
  });

  it("refuses self-approval, except for administrators", async () => {
    const world = await createWorld(getHandle().db);
    const { partnerApprover, admin } = world.users;
    await world.services.applications.members.add(world.users.owner, {
      applicationId: world.shopApp,
      email: "partnerApprover@example.com",
      role: "collaborator",
    });
    const own = await subscribe(world, partnerApprover, world.shopApp, "logistics", "premium");
    const refused = await failureOf(
      world.services.subscriptions.approvals.approve(partnerApprover, { subscriptionId: own.id }),
    );
    expect(refused).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("your own") as string,
    });
    const declined = await failureOf(
      world.services.subscriptions.approvals.decline(partnerApprover, {
        subscriptionId: own.id,
        reason: "no",
      }),
    );
    expect(declined.code).toBe("FORBIDDEN");

    const adminsOwn = await subscribe(world, admin, world.shopApp, "orders", "premium");
    expect(
      (await world.services.subscriptions.approvals.approve(admin, { subscriptionId: adminsOwn.id })).status,
    ).toBe("approved");
  });

  it("declines with a reason (1–1000 characters) that the requester sees on the subscription", async () => {
    const world = await createWorld(getHandle().db);
    const { owner, partnerApprover } = world.users;
    await addUserToGroups(world.db, world.users.collaborator.userId, ["partners"], world.clock.now);
    const collaborator = await actorOf(world, world.users.collaborator.userId);
    const request = await subscribe(world, collaborator, world.shopApp, "logistics", "premium");
    const decline = (reason: string) =>
      world.services.subscriptions.approvals.decline(partnerApprover, { subscriptionId: request.id, reason });
    expect((await failureOf(decline("   "))).fields).toEqual(["reason:TOO_SMALL"]);
    expect((await failureOf(decline("x".repeat(1001)))).fields).toEqual(["reason:TOO_BIG"]);
    const reason = "Tell us which carrier you are — see the partner onboarding page.";
    const declined = await decline(` ${reason} `);
    expect(declined).toMatchObject({ status: "declined", statusReason: reason });

    const seenByRequester = await world.services.subscriptions.subscriptions.get(collaborator, request.id);
    expect(seenByRequester.subscription).toMatchObject({ status: "declined", statusReason: reason });
    const seenByOwner = await world.services.subscriptions.subscriptions.get(owner, request.id);
    expect(seenByOwner.subscription.statusReason).toBe(reason);
    expect(await eventsNamed(world.db, "subscription.declined")).toEqual([
      expect.objectContaining({
        subscriptionId: request.id,
        reason,
        declinedBy: partnerApprover.userId,
        requestedBy: collaborator.userId,
        requesterEmail: "collaborator@example.com",
      }),
    ]);
    expect(await world.db.selectFrom("credentials").selectAll().execute()).toEqual([]);
    expect((await failureOf(decline("again"))).code).toBe("CONFLICT");
  });

  it("sees group changes at once: an approver who joins the API's group may decide", async () => {
    const world = await createWorld(getHandle().db);
    const request = await subscribe(world, world.users.owner, world.shopApp, "logistics", "premium");
    expect(await queueIds(world, world.users.plainApprover)).toEqual([]);
    await addUserToGroups(world.db, world.users.plainApprover.userId, ["partners"], world.clock.now);
    const fresh = await actorOf(world, world.users.plainApprover.userId);
    expect(await queueIds(world, fresh)).toEqual([request.id]);
  });
});

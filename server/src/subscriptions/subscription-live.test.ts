import { afterEach, expect, it } from "vitest";
import { createLiveEventFeed, type LiveEventFeed } from "../events/live-event-feed.js";
import { addUserToGroups, removeUserFromGroups } from "../groups/group-membership.repository.js";
import { describeEachBackend } from "../testing/backends.js";
import { testLogger } from "../testing/test-logger.js";
import { createWorld, failureOf, subscribe, type World } from "./subscription.fixtures.js";

const feeds: LiveEventFeed[] = [];
afterEach(async () => {
  await Promise.all(feeds.splice(0).map((feed) => feed.stop()));
});

async function startedFeed(world: World): Promise<LiveEventFeed> {
  const feed = createLiveEventFeed({ db: world.db, logger: testLogger(), intervalMs: 10 });
  await feed.start();
  feeds.push(feed);
  return feed;
}

const pending = new WeakMap<object, Promise<IteratorResult<unknown>>>();

/**
 * The next item, or "nothing" when none arrives within `ms`. A `next()` still waiting after a timeout is kept
 * and awaited by the following call, so no item is lost and no two `next()` calls overlap.
 */
async function nextOrNothing<T>(iterator: AsyncIterator<T>, ms = 400): Promise<T | "nothing" | "ended"> {
  const waiting = (pending.get(iterator) as Promise<IteratorResult<T>> | undefined) ?? iterator.next();
  pending.set(iterator, waiting);
  const timeout = new Promise<"nothing">((resolve) => setTimeout(() => resolve("nothing"), ms));
  const outcome = await Promise.race([waiting, timeout]);
  if (outcome === "nothing") return outcome;
  pending.delete(iterator);
  return outcome.done ? "ended" : outcome.value;
}

describeEachBackend("live subscription updates", (getHandle) => {
  it("sends members each change of their application's subscriptions, and stops when a member is removed", async () => {
    const world = await createWorld(getHandle().db);
    const feed = await startedFeed(world);
    const { owner, reader, outsider } = world.users;
    const service = world.services.subscriptions.subscriptions;
    const ownerStream = await service.followChanges(owner, world.shopApp, feed);
    const readerStream = await service.followChanges(reader, world.shopApp, feed);
    expect((await failureOf(service.followChanges(outsider, world.shopApp, feed))).code).toBe("NOT_FOUND");
    expect((await failureOf(service.followChanges(world.bridge, world.shopApp, feed))).code).toBe(
      "FORBIDDEN",
    );

    const subscription = await subscribe(world, owner, world.shopApp, "orders", "basic");
    for (const stream of [ownerStream, readerStream]) {
      expect(await stream.next()).toEqual({
        done: false,
        value: expect.objectContaining({
          eventName: "subscription.created",
          subscriptionId: subscription.id,
          applicationId: "shop-app",
          subscription: expect.objectContaining({ status: "approved" }) as unknown,
        }) as unknown,
      });
      expect((await stream.next()).value).toMatchObject({ eventName: "subscription.approved" });
    }
    await subscribe(world, owner, world.spaApp, "orders", "basic"); // another application: not delivered

    await world.services.applications.members.remove(owner, {
      applicationId: world.shopApp,
      userId: reader.userId,
    });
    await service.unsubscribe(owner, { subscriptionId: subscription.id });
    expect(await nextOrNothing(ownerStream, 3000)).toMatchObject({
      eventName: "subscription.deleted",
      subscription: null,
    });
    expect(await nextOrNothing(readerStream)).toBe("nothing");
    await ownerStream.return?.();
    await readerStream.return?.();
  });

  it("ends the stream of a user whose account was disabled", async () => {
    const world = await createWorld(getHandle().db);
    const feed = await startedFeed(world);
    const stream = await world.services.subscriptions.subscriptions.followChanges(
      world.users.collaborator,
      world.shopApp,
      feed,
    );
    await world.db
      .updateTable("users")
      .set({ disabled_at: world.clock.now.toISOString() })
      .where("id", "=", world.users.collaborator.userId)
      .execute();
    await subscribe(world, world.users.owner, world.shopApp, "orders", "basic");
    expect(await nextOrNothing(stream, 3000)).toBe("ended");
  });

  it("sends approvers the queue changes of their groups' APIs, re-checking the groups for each", async () => {
    const world = await createWorld(getHandle().db);
    const feed = await startedFeed(world);
    const { owner, partnerApprover, admin } = world.users;
    const approvals = world.services.subscriptions.approvals;
    const approverStream = approvals.followQueue(partnerApprover, feed);
    const adminStream = approvals.followQueue(admin, feed);
    expect(() => approvals.followQueue(owner, feed)).toThrow("Only approvers and administrators");

    const partnerRequest = await subscribe(world, owner, world.shopApp, "logistics", "premium");
    expect(await nextOrNothing(approverStream, 3000)).toMatchObject({
      change: "requested",
      subscriptionId: partnerRequest.id,
      apiId: "logistics",
      request: { subscription: { id: partnerRequest.id }, requester: { email: "owner@example.com" } },
    });
    const publicRequest = await subscribe(world, owner, world.shopApp, "orders", "premium");
    expect(await nextOrNothing(adminStream, 3000)).toMatchObject({ subscriptionId: partnerRequest.id });
    expect(await nextOrNothing(adminStream, 3000)).toMatchObject({ subscriptionId: publicRequest.id });

    await approvals.decline(admin, { subscriptionId: publicRequest.id, reason: "no" });
    await approvals.approve(partnerApprover, { subscriptionId: partnerRequest.id });
    expect(await nextOrNothing(approverStream, 3000)).toMatchObject({ change: "approved", request: null });
    expect(await nextOrNothing(adminStream, 3000)).toMatchObject({ change: "declined" });
    expect(await nextOrNothing(adminStream, 3000)).toMatchObject({ change: "approved" });

    await removeUserFromGroups(world.db, partnerApprover.userId, ["partners"]);
    const later = await subscribe(world, owner, world.spaApp, "logistics", "premium");
    expect(await nextOrNothing(adminStream, 3000)).toMatchObject({
      change: "requested",
      subscriptionId: later.id,
    });
    expect(await nextOrNothing(approverStream)).toBe("nothing");
    await addUserToGroups(world.db, partnerApprover.userId, ["partners"], world.clock.now);
    await world.services.subscriptions.subscriptions.unsubscribe(owner, { subscriptionId: later.id });
    expect(await nextOrNothing(approverStream, 3000)).toMatchObject({
      change: "withdrawn",
      subscriptionId: later.id,
    });
    await approverStream.return?.();
    await adminStream.return?.();
  });
});

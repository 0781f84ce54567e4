import { expect, it } from "vitest";
import { system } from "../actor/actor.js";
import { describeEachBackend } from "../testing/backends.js";
import { testLogger } from "../testing/test-logger.js";
import { appendEvent } from "./outbox.repository.js";
import { createLiveEventFeed, type LiveEvent } from "./live-event-feed.js";

const payload = (userId: string) => ({ userId, email: `${userId}@x.test`, groups: [] });

describeEachBackend("live event feed", (getHandle) => {
  it("delivers committed events written after start, in order, only to matching followers", async () => {
    const db = getHandle().db;
    await appendEvent(db, system("test"), "user.verified", payload("before"));
    const feed = createLiveEventFeed({ db, logger: testLogger(), intervalMs: 10 });
    await feed.start();
    try {
      const all = feed.follow(() => true);
      const onlyB = feed.follow((event) => event.subjectIds.userId === "b");
      await appendEvent(db, system("test"), "user.verified", payload("a"));
      await appendEvent(db, system("test"), "user.verified", payload("b"));
      const first = (await all.next()).value as LiveEvent;
      const second = (await all.next()).value as LiveEvent;
      expect([first.payload.userId, second.payload.userId]).toEqual(["a", "b"]);
      expect((await onlyB.next()).value).toMatchObject({
        name: "user.verified",
        subjectIds: { userId: "b" },
      });
      await all.return?.();
      expect(await all.next()).toEqual({ done: true, value: undefined });
    } finally {
      await feed.stop();
    }
  });
});

import { expect, it } from "vitest";
import { system } from "../actor/actor.js";
import { describeEachBackend, itOnlyOn } from "../testing/backends.js";
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

describeEachBackend("live event feed without followers", (getHandle) => {
  it("goes idle when the last follower leaves during a read that a commit signal asked to repeat", async () => {
    const db = getHandle().db;
    const signals = new Set<() => void>();
    const commits = {
      subscribe(listener: () => void) {
        signals.add(listener);
        return () => signals.delete(listener);
      },
    };
    const feed = createLiveEventFeed({ db, logger: testLogger(), intervalMs: 60_000, commits });
    await feed.start();
    try {
      const follower = feed.follow(() => true);
      void follower.next();
      await appendEvent(db, system("test"), "user.verified", payload("a"));
      for (const signal of signals) signal(); // starts a read
      for (const signal of signals) signal(); // arrives during it: "read again"
      await follower.return?.(); // the last follower leaves before that read ends
      // With the feed spinning, timers never fire again; an idle feed lets this one through.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await feed.stop();
    }
  });
});

describeEachBackend("outbox commit signal", (getHandle, backend) => {
  const counter = (subscribe: (listener: () => void) => () => void) => {
    const seen = { count: 0, unsubscribe: () => undefined as void };
    seen.unsubscribe = subscribe(() => {
      seen.count += 1;
    });
    return seen;
  };

  it("fires after a commit that appended events, not before it, not on rollbacks or other writes", async () => {
    const handle = getHandle();
    const seen = counter(handle.outboxCommits.subscribe);
    // On PostgreSQL the commit also arrives by LISTEN/NOTIFY, a moment later, and connecting signals once.
    const perCommit = backend.kind === "postgres" ? 2 : 1;
    try {
      if (backend.kind === "postgres") {
        await until(() => seen.count === 1);
        seen.count = 0;
      }
      let insideTransaction = -1;
      await handle.db.transaction().execute(async (trx) => {
        await appendEvent(trx, system("test"), "user.verified", payload("committed"));
        insideTransaction = seen.count;
      });
      expect(insideTransaction).toBe(0);
      expect(seen.count).toBe(1);
      await until(() => seen.count === perCommit);
      await expect(
        handle.db.transaction().execute(async (trx) => {
          await appendEvent(trx, system("test"), "user.verified", payload("rolled-back"));
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      await handle.db
        .transaction()
        .execute((trx) => trx.updateTable("installation").set({ config_hash: "other" }).execute());
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen.count).toBe(perCommit);
      await appendEvent(handle.db, system("test"), "user.verified", payload("no transaction"));
      // The in-process signal has fired by now; on PostgreSQL the NOTIFY may already have arrived too.
      expect(seen.count).toBeGreaterThanOrEqual(perCommit + 1);
      await until(() => seen.count === 2 * perCommit);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen.count).toBe(2 * perCommit);
    } finally {
      seen.unsubscribe();
    }
  });

  it("wakes followers at once after a commit, without waiting for the poll", async () => {
    const handle = getHandle();
    const feed = createLiveEventFeed({
      db: handle.db,
      logger: testLogger(),
      commits: handle.outboxCommits,
      intervalMs: 3_600_000,
    });
    await feed.start();
    try {
      const all = feed.follow(() => true);
      for (const userId of ["a", "b", "c"]) {
        await handle.db
          .transaction()
          .execute((trx) => appendEvent(trx, system("test"), "user.verified", payload(userId)));
      }
      const received: unknown[] = [];
      for (let i = 0; i < 3; i++) received.push(((await all.next()).value as LiveEvent).payload.userId);
      expect(received).toEqual(["a", "b", "c"]);
    } finally {
      await feed.stop();
    }
  });

  itOnlyOn("postgres", backend)(
    "wakes this replica when another one commits (LISTEN/NOTIFY), while someone subscribes",
    async () => {
      const handle = getHandle();
      const other = await backend.openAnother();
      const seen = counter(handle.outboxCommits.subscribe);
      try {
        // Connecting the LISTEN connection signals once (anything may have happened before it listened).
        await until(() => seen.count >= 1);
        seen.count = 0;
        await other.db
          .transaction()
          .execute((trx) => appendEvent(trx, system("test"), "user.verified", payload("elsewhere")));
        await until(() => seen.count >= 1);
        expect(seen.count).toBe(1);
      } finally {
        seen.unsubscribe();
      }
    },
  );
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

import { sql } from "kysely";
import { expect, it } from "vitest";
import { anonymous, system, type ServiceActor, type UserActor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { appendEvent } from "../events/outbox.repository.js";
import { createLiveEventFeed } from "../events/live-event-feed.js";
import { describeEachBackend, itOnlyOn } from "../testing/backends.js";
import { testLogger } from "../testing/test-logger.js";
import type { Kysely } from "kysely";
import { EventLogService } from "./event-log.service.js";
import type { LogEvent } from "./event-log.types.js";

const origin = { address: null, userAgent: null, requestId: null };
const bridge: ServiceActor = { kind: "service", serviceAccountId: "bridge", scope: "read", origin };
const developer: UserActor = {
  kind: "user",
  userId: "usr_dev",
  email: "dev@example.com",
  emailVerified: true,
  groups: [],
  isAdmin: false,
  isApprover: false,
  via: { kind: "session", sessionId: "ses_1" },
  scope: "write",
  origin,
};

const verified = (db: Kysely<Tables>, userId: string, at?: Date) =>
  appendEvent(db, system("test"), "user.verified", { userId, email: `${userId}@x.test`, groups: [] }, at);
const revoked = (db: Kysely<Tables>, tokenId: string) =>
  appendEvent(db, system("test"), "access_token.revoked", { userId: "u", tokenId, name: "t" });

async function take(iterator: AsyncIterator<LogEvent>, count: number): Promise<LogEvent[]> {
  const events: LogEvent[] = [];
  while (events.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    events.push(next.value);
  }
  return events;
}

describeEachBackend("event log", (getHandle, backend) => {
  const withService = async (
    work: (service: EventLogService, db: Kysely<Tables>) => Promise<void>,
    now = () => new Date(),
  ) => {
    const db = getHandle().db;
    const live = createLiveEventFeed({ db, logger: testLogger(), intervalMs: 5 });
    await live.start();
    try {
      await work(new EventLogService({ db, live, retentionDays: 7, clock: now }), db);
    } finally {
      await live.stop();
    }
  };

  it("replays stored events from a sequence, then follows live ones without gaps or duplicates", async () => {
    await withService(async (service, db) => {
      for (const id of ["a", "b", "c"]) await verified(db, id);
      const stream = service.follow(bridge, { from: 2 });
      const replayed = await take(stream, 2);
      expect(replayed.map((e) => [e.sequence, e.payload.userId])).toEqual([
        [2, "b"],
        [3, "c"],
      ]);
      expect(replayed[0]).toMatchObject({
        name: "user.verified",
        schemaVersion: 1,
        actor: { kind: "system", id: "system:test" },
        subjectIds: { userId: "b" },
      });
      const writes = (async () => {
        for (let i = 0; i < 40; i++) await verified(db, `live-${i}`);
      })();
      const followed = await take(stream, 40);
      await writes;
      expect(followed.map((e) => e.sequence)).toEqual(Array.from({ length: 40 }, (_, i) => i + 4));
      await stream.return?.();
      expect(await stream.next()).toEqual({ done: true, value: undefined });
    });
  });

  it("without `from` delivers only what is committed after subscribing, filtered by names and entities", async () => {
    await withService(async (service, db) => {
      await verified(db, "old");
      const onlyTokens = service.follow(bridge, { names: ["access_token.*"] });
      const exact = service.follow(bridge, { from: 1, names: ["user.verified"] });
      const first = onlyTokens.next();
      await verified(db, "new");
      await revoked(db, "tok_1");
      expect((await first).value).toMatchObject({ name: "access_token.revoked", sequence: 3 });
      expect((await take(exact, 2)).map((e) => e.payload.userId)).toEqual(["old", "new"]);
      await Promise.all([onlyTokens.return?.(), exact.return?.()]);
    });
  });

  it("ends a waiting follow at once when the client unsubscribes", async () => {
    await withService(async (service) => {
      const stream = service.follow(bridge, {});
      const pending = stream.next();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await stream.return?.();
      expect(await pending).toEqual({ done: true, value: undefined });
    });
  });

  it("is for administrators and service accounts, with validated input", async () => {
    await withService((service) => {
      expect(() => service.follow(anonymous(), {})).toThrow(
        expect.objectContaining({ code: "UNAUTHENTICATED" }),
      );
      expect(() => service.follow(developer, {})).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
      const admin = { ...developer, isAdmin: true };
      void service.follow(admin, {}).return?.();
      expect(() =>
        service.follow(bridge, { from: 0, names: ["user.*", "User", "nothing.*", "user.eaten"] }),
      ).toThrow(
        expect.objectContaining({
          code: "VALIDATION_FAILED",
          details: {
            fields: [
              expect.objectContaining({ field: "from", code: "TOO_SMALL" }),
              expect.objectContaining({ field: "names.1", code: "INVALID_EVENT_PATTERN" }),
              expect.objectContaining({ field: "names.2", code: "UNKNOWN_EVENT" }),
              expect.objectContaining({ field: "names.3", code: "UNKNOWN_EVENT" }),
            ],
          },
        }),
      );
      return Promise.resolve();
    });
  });

  it("purges events older than the retention period, whatever was delivered, and audits the purge", async () => {
    const now = new Date("2026-05-20T12:00:00.000Z");
    await withService(
      async (service, db) => {
        await verified(db, "old", new Date("2026-05-01T00:00:00.000Z"));
        await verified(db, "recent", new Date("2026-05-19T00:00:00.000Z"));
        expect(await service.purgeExpiredEvents()).toBe(1);
        expect(await service.purgeExpiredEvents()).toBe(0);
        const left = await db.selectFrom("outbox_events").select("subject_ids").execute();
        expect(left.map((row) => row.subject_ids)).toEqual([JSON.stringify({ userId: "recent" })]);
        const audit = await db
          .selectFrom("audit_log")
          .selectAll()
          .where("action", "=", "event_log.purged")
          .execute();
        expect(audit).toHaveLength(1);
        expect(JSON.parse(audit[0]?.summary ?? "{}")).toMatchObject({ deleted: 1, retentionDays: 7 });
      },
      () => now,
    );
  });

  itOnlyOn("postgres", backend)(
    "orders sequences like commits: appends wait for the commit, so an earlier appender does not hold up others",
    async () => {
      const db = getHandle().db;
      const other = (await backend.openAnother()).db;
      let releaseFirst: () => void = () => undefined;
      const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstAppended: () => void = () => undefined;
      const appended = new Promise<void>((resolve) => (firstAppended = resolve));
      const first = db.transaction().execute(async (trx) => {
        await verified(trx, "first");
        firstAppended();
        await firstHolds;
      });
      await appended;
      // Another replica's appending transaction commits while the first is still open: with the ordering lock
      // taken at the append instead of at commit, this would wait for the first, which waits for this.
      await other.transaction().execute(async (trx) => {
        await verified(trx, "second");
      });
      releaseFirst();
      await first;
      const rows = await sql<{ sequence: number; subject_ids: string }>`
        select sequence, subject_ids from outbox_events order by sequence`.execute(db);
      expect(rows.rows.map((row) => JSON.parse(row.subject_ids) as unknown)).toEqual([
        { userId: "second" },
        { userId: "first" },
      ]);
    },
  );
});

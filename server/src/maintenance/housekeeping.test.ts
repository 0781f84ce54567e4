import { expect, it } from "vitest";
import { describeEachBackend } from "../testing/backends.js";
import { seedDatabase } from "../testing/seed.js";
import { testLogger } from "../testing/test-logger.js";
import { createHousekeeping } from "./housekeeping.js";

describeEachBackend("housekeeping", (getHandle) => {
  it("deletes only rows that ended more than a week ago and leaves live ones", async () => {
    const db = getHandle().db;
    await seedDatabase(db);
    const now = new Date("2031-01-01T00:00:00.000Z");
    const long = new Date(now.getTime() - 30 * 86_400_000).toISOString();
    const soon = new Date(now.getTime() + 86_400_000).toISOString();
    const users = await db.selectFrom("users").select("id").execute();
    const userId = users[0]?.id ?? "";
    await db.deleteFrom("sessions").execute();
    await db.deleteFrom("verification_tokens").execute();
    const session = (id: string, expiresAt: string) => ({
      id,
      user_id: userId,
      token_hash: `hash-${id}`,
      created_at: long,
      last_seen_at: long,
      expires_at: expiresAt,
      revoked_at: null,
      client_address: null,
      user_agent: null,
    });
    await db
      .insertInto("sessions")
      .values([session("old", long), session("live", soon)])
      .execute();
    const link = (id: string, expiresAt: string) => ({
      id,
      user_id: userId,
      token_hash: `link-${id}`,
      kind: "password_reset",
      email: "a@b.test",
      created_at: long,
      expires_at: expiresAt,
      consumed_at: null,
    });
    await db
      .insertInto("verification_tokens")
      .values([link("old", long), link("live", soon)])
      .execute();

    const credential = await db.selectFrom("credentials").selectAll().executeTakeFirstOrThrow();
    await db.deleteFrom("credentials").execute();
    const credentialRow = (id: string, expiresAt: string | null) => ({
      ...credential,
      id,
      client_id: credential.client_id === null ? null : `client-${id}`,
      expires_at: expiresAt,
    });
    await db
      .insertInto("credentials")
      .values([
        credentialRow("rotated-long-ago", long),
        credentialRow("current", null),
        credentialRow("overlap", soon),
      ])
      .execute();

    const jobs = createHousekeeping({
      db,
      auditLog: { purgeExpiredAuditEntries: () => Promise.resolve(0) },
      eventLog: { purgeExpiredEvents: () => Promise.resolve(0), retentionDays: 7 },
      logger: testLogger(),
      clock: () => now,
    });
    for (const job of jobs) job.start();
    await Promise.all(jobs.map((job) => job.stop()));

    expect((await db.selectFrom("sessions").select("id").execute()).map((r) => r.id)).toEqual(["live"]);
    expect((await db.selectFrom("verification_tokens").select("id").execute()).map((r) => r.id)).toEqual([
      "live",
    ]);
  });
});

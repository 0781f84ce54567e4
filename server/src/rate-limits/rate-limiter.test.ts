import { expect, it } from "vitest";
import type { DatabaseHandle } from "../database/database.types.js";
import { ErrorCode } from "../errors/error-code.js";
import { describeEachBackend, type TestBackend } from "../testing/backends.js";
import { codeOf, domainErrorOf, minutes, TestClock } from "../users/account.fixtures.js";
import { RateLimiter, type RateLimitKey } from "./rate-limiter.js";
import type { RateLimitRule } from "./rate-limit.rules.js";

const rule: RateLimitRule = { name: "test:account", limit: 3, windowSeconds: 600, what: "test attempts" };
const other: RateLimitRule = {
  name: "test:address",
  limit: 5,
  windowSeconds: 60,
  what: "attempts from here",
};
const key = (value: string | null, r = rule): RateLimitKey => ({ rule: r, value });

describeEachBackend("RateLimiter", (getHandle: () => DatabaseHandle, backend: TestBackend) => {
  it("allows `limit` events per fixed window, then answers RATE_LIMITED until the window ends", async () => {
    const clock = new TestClock();
    const limiter = new RateLimiter(getHandle().db, clock.read);
    for (let i = 0; i < 3; i++) await limiter.consume([key("ada")]);
    clock.advance(minutes(4));
    const error = await domainErrorOf(limiter.consume([key("ada")]));
    expect(error.code).toBe(ErrorCode.RATE_LIMITED);
    expect(error.details.retryAfterSeconds).toBe(6 * 60);
    expect(error.message).toBe("Too many test attempts; try again in 360 seconds");
    await limiter.consume([key("bob")]);
    clock.advance(minutes(6));
    await limiter.consume([key("ada")]);
    await limiter.consume([key("ada")]);
  });

  it("reports the longest wait when several keys are exceeded, and skips unknown values", async () => {
    const clock = new TestClock();
    const limiter = new RateLimiter(getHandle().db, clock.read);
    for (let i = 0; i < 5; i++) await limiter.count([key("ada"), key("203.0.113.1", other), key(null)]);
    const error = await domainErrorOf(limiter.assertAllowed([key("203.0.113.1", other), key("ada")]));
    expect(error.details.retryAfterSeconds).toBe(600);
    await limiter.assertAllowed([key(null), key(null, other)]);
  });

  it("forgets a bucket on reset, and purges ended windows", async () => {
    const clock = new TestClock();
    const db = getHandle().db;
    const limiter = new RateLimiter(db, clock.read);
    for (let i = 0; i < 3; i++) await limiter.count([key("ada"), key("bob")]);
    await limiter.reset([key("ada")]);
    await limiter.assertAllowed([key("ada")]);
    expect(await codeOf(limiter.assertAllowed([key("bob")]))).toBe(ErrorCode.RATE_LIMITED);
    clock.advance(minutes(10));
    expect(await limiter.purgeEnded()).toBe(1);
    expect(await db.selectFrom("rate_limit_counters").selectAll().execute()).toEqual([]);
  });

  it("stores hashed buckets, never the e-mail addresses", async () => {
    const db = getHandle().db;
    await new RateLimiter(db, new TestClock().read).count([key("ada@example.com")]);
    const rows = await db.selectFrom("rate_limit_counters").selectAll().execute();
    expect(rows).toEqual([
      {
        bucket: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
        window_ends_at: expect.any(String) as string,
        count: 1,
      },
    ]);
  });

  it("never loses a count when several replicas count at once", async () => {
    const clock = new TestClock();
    const replicas = [getHandle(), await backend.openAnother(), await backend.openAnother()];
    await Promise.all(
      replicas.flatMap((handle) =>
        Array.from({ length: 10 }, () => new RateLimiter(handle.db, clock.read).count([key("ada")])),
      ),
    );
    const row = await getHandle()
      .db.selectFrom("rate_limit_counters")
      .select("count")
      .executeTakeFirstOrThrow();
    expect(Number(row.count)).toBe(30);
  });
});

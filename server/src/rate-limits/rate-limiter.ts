import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import {
  deleteCounters,
  deleteEndedCounters,
  incrementCounter,
  readCounters,
} from "./rate-limit.repository.js";
import type { RateLimitRule } from "./rate-limit.rules.js";

/** A rule applied to one value: an account (normalized e-mail) or a client address. */
export interface RateLimitKey {
  readonly rule: RateLimitRule;
  /** Null when unknown (e.g. no client address on CLI calls): such keys are skipped. */
  readonly value: string | null;
}

/** The stored bucket id: a hash, so the table holds no e-mail addresses of people who never signed up. */
function bucketOf(rule: RateLimitRule, value: string): string {
  return createHash("sha256").update(`${rule.name}\n${value}`, "utf8").digest("hex");
}

function present(keys: readonly RateLimitKey[]): { rule: RateLimitRule; bucket: string }[] {
  return keys.flatMap((key) =>
    key.value === null ? [] : [{ rule: key.rule, bucket: bucketOf(key.rule, key.value) }],
  );
}

/**
 * Fixed-window counters in the database, shared by every replica. Counting happens outside the transaction of
 * the guarded operation, so a failed attempt is counted although the operation rolls back.
 */
export class RateLimiter {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: () => Date,
  ) {}

  /** Throws RATE_LIMITED (with `retryAfterSeconds`) when any key has reached its limit in the current window. */
  async assertAllowed(keys: readonly RateLimitKey[]): Promise<void> {
    const checked = present(keys);
    const now = this.clock();
    const counters = new Map(
      (
        await readCounters(
          this.db,
          checked.map((k) => k.bucket),
        )
      ).map((c) => [c.bucket, c]),
    );
    let retryAfterMs = 0;
    let exceeded: RateLimitRule | undefined;
    for (const { rule, bucket } of checked) {
      const counter = counters.get(bucket);
      if (!counter || counter.count < rule.limit) continue;
      const remaining = Date.parse(counter.windowEndsAt) - now.getTime();
      if (remaining > 0 && remaining > retryAfterMs) {
        retryAfterMs = remaining;
        exceeded = rule;
      }
    }
    if (!exceeded) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    throw new DomainError(
      ErrorCode.RATE_LIMITED,
      `Too many ${exceeded.what}; try again in ${retryAfterSeconds} seconds`,
      { retryAfterSeconds },
    );
  }

  /** Counts one event for every key. */
  async count(keys: readonly RateLimitKey[]): Promise<void> {
    const now = this.clock();
    for (const { rule, bucket } of present(keys)) {
      const windowEndsAt = new Date(now.getTime() + rule.windowSeconds * 1000).toISOString();
      await incrementCounter(this.db, bucket, windowEndsAt, now.toISOString());
    }
  }

  /** Checks, then counts: for requests that are limited whether or not they succeed. */
  async consume(keys: readonly RateLimitKey[]): Promise<void> {
    await this.assertAllowed(keys);
    await this.count(keys);
  }

  /** Forgets the keys' counters (after a successful sign-in, the account's failures no longer matter). */
  async reset(keys: readonly RateLimitKey[]): Promise<void> {
    await deleteCounters(
      this.db,
      present(keys).map((k) => k.bucket),
    );
  }

  /** Deletes counters whose window has ended; for a periodic clean-up job. Returns how many were removed. */
  async purgeEnded(): Promise<number> {
    return deleteEndedCounters(this.db, this.clock().toISOString());
  }
}

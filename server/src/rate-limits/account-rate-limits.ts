import type { Actor } from "../actor/actor.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { normalizeEmail } from "../users/email-address.js";
import type { RateLimiter, RateLimitKey } from "./rate-limiter.js";
import { rateLimitRules } from "./rate-limit.rules.js";

/** The buckets of a password check: the account (its e-mail address) and the client address. */
export function passwordCheckKeys(actor: Actor, email: string): RateLimitKey[] {
  return [
    { rule: rateLimitRules.passwordFailuresPerAccount, value: normalizeEmail(email) },
    { rule: rateLimitRules.passwordFailuresPerAddress, value: actor.origin.address },
  ];
}

/** The buckets of a request that sends e-mail: the account it is for and the client address. */
export function mailRequestKeys(actor: Actor, email: string): RateLimitKey[] {
  return [
    { rule: rateLimitRules.mailRequestsPerAccount, value: normalizeEmail(email) },
    { rule: rateLimitRules.mailRequestsPerAddress, value: actor.origin.address },
  ];
}

/**
 * Runs an operation that consumes a link from an e-mail under the brute-force limit of the client address:
 * refused with RATE_LIMITED after too many wrong links; a wrong or expired link counts (outside the operation's
 * transaction, which rolls back).
 */
export async function withLinkAttemptLimit<T>(
  rateLimiter: RateLimiter,
  actor: Actor,
  operation: () => Promise<T>,
): Promise<T> {
  const keys: RateLimitKey[] = [{ rule: rateLimitRules.linkFailuresPerAddress, value: actor.origin.address }];
  await rateLimiter.assertAllowed(keys);
  try {
    return await operation();
  } catch (error) {
    if (
      error instanceof DomainError &&
      (error.code === ErrorCode.TOKEN_INVALID || error.code === ErrorCode.TOKEN_EXPIRED)
    ) {
      await rateLimiter.count(keys);
    }
    throw error;
  }
}

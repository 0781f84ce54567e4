import type { Actor } from "../actor/actor.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { passwordCheckKeys } from "../rate-limits/account-rate-limits.js";
import type { AccountDependencies } from "../users/account-dependencies.js";

/**
 * Checks a password under the brute-force limits: RATE_LIMITED while the account or the client address has too
 * many recent failures (even for the right password), INVALID_CREDENTIALS for a wrong one, which counts as a
 * failure for both. `passwordHash` null (no such account, or no password) takes as long as a real check.
 */
export async function checkPassword(
  deps: Pick<AccountDependencies, "hasher" | "rateLimiter">,
  actor: Actor,
  account: { readonly email: string; readonly passwordHash: string | null },
  password: string,
  failure: { readonly field: string; readonly message: string },
): Promise<void> {
  const keys = passwordCheckKeys(actor, account.email);
  await deps.rateLimiter.assertAllowed(keys);
  let valid = false;
  if (account.passwordHash === null) await deps.hasher.verifyNothing(password);
  else valid = await deps.hasher.verify(account.passwordHash, password);
  if (valid) return;
  await deps.rateLimiter.count(keys);
  throw new DomainError(ErrorCode.INVALID_CREDENTIALS, failure.message, {
    fields: [{ field: failure.field, code: "WRONG_PASSWORD", message: failure.message }],
  });
}

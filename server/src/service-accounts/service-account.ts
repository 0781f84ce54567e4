import { createHash, timingSafeEqual } from "node:crypto";
import type { AccessScope } from "../actor/actor.js";

/**
 * A non-human caller (the bridge, event listeners) configured in `PORTAL_SERVICE_ACCOUNTS`. Only the SHA-256 of
 * its token is kept in memory after start-up, so the configuration object can never leak the token itself.
 */
export interface ServiceAccount {
  readonly id: string;
  readonly scope: AccessScope;
  /** SHA-256 of the token. */
  readonly tokenSha256: Buffer;
}

export function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/**
 * Finds the service account whose token was presented. Both sides are hashed to the same length and compared in
 * constant time, and every account is compared, so timing reveals neither the token nor which account matched.
 */
export function matchServiceAccount(
  accounts: readonly ServiceAccount[],
  presentedToken: string,
): ServiceAccount | null {
  const presented = sha256(presentedToken);
  let match: ServiceAccount | null = null;
  for (const account of accounts) {
    const equal = timingSafeEqual(presented, account.tokenSha256);
    if (equal && match === null) match = account;
  }
  return match;
}

/** One fixed-window limit: at most `limit` counted events per `windowSeconds` and bucket. */
export interface RateLimitRule {
  /** Part of the bucket key; never rename a rule casually (existing counters would be forgotten). */
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
  /** For error messages: what is being limited. */
  readonly what: string;
}

const fifteenMinutes = 15 * 60;

/**
 * The portal's brute-force limits. Failed password checks (sign-in, and the current password asked by change
 * password, change e-mail and delete account) count per account and per client address; a successful sign-in
 * clears the account's counter. Wrong or expired links count per client address (a wrong link names no account).
 * Requests that send e-mail (resend verification, password reset, e-mail change) count every request, per account
 * and per address.
 */
export const rateLimitRules = {
  passwordFailuresPerAccount: {
    name: "password-failures:account",
    limit: 10,
    windowSeconds: fifteenMinutes,
    what: "failed sign-in attempts for this account",
  },
  passwordFailuresPerAddress: {
    name: "password-failures:address",
    limit: 50,
    windowSeconds: fifteenMinutes,
    what: "failed sign-in attempts from this address",
  },
  linkFailuresPerAddress: {
    name: "link-failures:address",
    limit: 50,
    windowSeconds: fifteenMinutes,
    what: "invalid links tried from this address",
  },
  mailRequestsPerAccount: {
    name: "mail-requests:account",
    limit: 5,
    windowSeconds: fifteenMinutes,
    what: "e-mails requested for this account",
  },
  mailRequestsPerAddress: {
    name: "mail-requests:address",
    limit: 20,
    windowSeconds: fifteenMinutes,
    what: "e-mails requested from this address",
  },
} as const satisfies Record<string, RateLimitRule>;

import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Tables } from "../database/tables.js";
import type { PasswordHasher } from "../passwords/password-hasher.js";
import type { RateLimiter } from "../rate-limits/rate-limiter.js";
import type { StaticConfig } from "../static-config/static-config.js";
import type { ApplicationOwnership } from "./application-ownership.js";

/** What the account services (users, sessions, passwords, groups) are built from. */
export interface AccountDependencies {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly logger: Logger;
  /** Injected so tests can move time (link and session expiry, rate-limit windows). */
  readonly clock: () => Date;
  readonly hasher: PasswordHasher;
  readonly rateLimiter: RateLimiter;
  readonly applicationOwnership: ApplicationOwnership;
}

import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Tables } from "../database/tables.js";
import { GroupService } from "../groups/group.service.js";
import { createArgon2idHasher, type PasswordHasher } from "../passwords/password-hasher.js";
import { PasswordService } from "../passwords/password.service.js";
import { RateLimiter } from "../rate-limits/rate-limiter.js";
import { SessionService } from "../sessions/session.service.js";
import type { StaticConfig } from "../static-config/static-config.js";
import type { AccountDependencies } from "./account-dependencies.js";
import { AccountService } from "./account.service.js";
import { noApplicationOwnership, type ApplicationOwnership } from "./application-ownership.js";
import { RegistrationService } from "./registration.service.js";
import { UserAdminService } from "./user-admin.service.js";
import { UserService } from "./user.service.js";

/** Everything about accounts that the transports call, as `services.accounts`. */
export interface AccountServices {
  /** Reading users (one, the administrators' list, groups of many). */
  readonly users: UserService;
  /** Sign up, verify the e-mail address, resend verification. */
  readonly registration: RegistrationService;
  /** The signed-in user's own account: profile, e-mail change, deletion. */
  readonly account: AccountService;
  /** Lost password and change password. */
  readonly passwords: PasswordService;
  /** Sign in and out. */
  readonly sessions: SessionService;
  /** Administrators: groups, disable/enable, delete, resend verification. */
  readonly admin: UserAdminService;
  /** The group catalogue of the static configuration. */
  readonly groups: GroupService;
}

export interface AccountServiceOptions {
  /** Replaced by the applications issue; until then nobody owns an application. */
  readonly applicationOwnership?: ApplicationOwnership;
  /** Defaults to argon2id with OWASP parameters. */
  readonly hasher?: PasswordHasher;
}

export function createAccountServices(
  base: {
    readonly db: Kysely<Tables>;
    readonly config: StaticConfig;
    readonly logger: Logger;
    readonly clock: () => Date;
  },
  options: AccountServiceOptions = {},
): AccountServices {
  const deps: AccountDependencies = {
    db: base.db,
    config: base.config,
    logger: base.logger,
    clock: base.clock,
    hasher: options.hasher ?? createArgon2idHasher(),
    rateLimiter: new RateLimiter(base.db, base.clock),
    applicationOwnership: options.applicationOwnership ?? noApplicationOwnership,
  };
  return {
    users: new UserService(deps),
    registration: new RegistrationService(deps),
    account: new AccountService(deps),
    passwords: new PasswordService(deps),
    sessions: new SessionService(deps),
    admin: new UserAdminService(deps),
    groups: new GroupService(deps),
  };
}

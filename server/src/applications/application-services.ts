import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import type { ApplicationOwnership } from "../users/application-ownership.js";
import { databaseApplicationOwnership } from "./application-ownership.js";
import type { ApplicationHooks } from "./application.hooks.js";
import { ApplicationMemberService } from "./application-member.service.js";
import { ApplicationService } from "./application.service.js";

/** Everything about applications that the transports call, as `services.applications`. */
export interface ApplicationServices {
  /** Register, read, list, change and delete applications. */
  readonly applications: ApplicationService;
  /** Add, change and remove members; read members of many applications at once. */
  readonly members: ApplicationMemberService;
  /** For the account services: whether deleting a user would leave an application without an owner. */
  readonly ownership: ApplicationOwnership;
  /** The hooks the services were built with (the subscriptions noun's access checks use the same). */
  readonly hooks: readonly ApplicationHooks[];
}

export interface ApplicationServiceOptions {
  /** How other nouns (subscriptions) take part in deletions, updates and approvers' reads. */
  readonly hooks?: readonly ApplicationHooks[];
}

export function createApplicationServices(
  deps: { readonly db: Kysely<Tables>; readonly clock: () => Date },
  options: ApplicationServiceOptions = {},
): ApplicationServices {
  const hooks = options.hooks ?? [];
  return {
    applications: new ApplicationService({ ...deps, hooks }),
    members: new ApplicationMemberService({ ...deps, hooks }),
    ownership: databaseApplicationOwnership(deps.db),
    hooks,
  };
}

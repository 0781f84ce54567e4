import type { Kysely } from "kysely";
import type { Actor, UserActor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import type { Application } from "./application.types.js";

/**
 * How other nouns (subscriptions) take part in what happens to applications, without the applications knowing
 * them. Passed to `createApplicationServices(deps, { hooks })` by the composition root; every hook is optional.
 */
export interface ApplicationHooks {
  /**
   * Runs inside the deletion's transaction, after authorization and before the application row is deleted: remove
   * what belongs to the application and append one event (and audit entry) per removed thing with `trx`. Throwing
   * aborts the deletion and rolls everything back.
   */
  beforeApplicationDelete?(trx: Kysely<Tables>, actor: Actor, application: Application): Promise<void>;

  /**
   * Runs inside the update's transaction after the row was changed, e.g. to react to a new client type (public
   * clients have no secret). Throwing a DomainError refuses the update and rolls it back.
   */
  afterApplicationUpdate?(
    trx: Kysely<Tables>,
    actor: Actor,
    change: {
      readonly before: Application;
      readonly after: Application;
      readonly changedFields: readonly string[];
    },
  ): Promise<void>;

  /**
   * Which of `applicationIds` an approver who is not a member may read: those with a subscription to an API whose
   * required group is one of the approver's groups. Asked only for approvers, with ids they are no member of.
   */
  approverMayRead?(
    db: Kysely<Tables>,
    approver: UserActor,
    applicationIds: readonly string[],
  ): Promise<ReadonlySet<string>>;
}

import type { Kysely } from "kysely";
import type { UserActor } from "../actor/actor.js";
import { approvableApiIds } from "../approvals/approval.policy.js";
import type { Tables } from "../database/tables.js";
import type { StaticConfig } from "../static-config/static-config.js";

/**
 * Which of `applicationIds` an approver may read without being a member: those with a subscription to an API the
 * approver decides on (one statement). The applications noun asks this through its `approverMayRead` hook.
 */
export async function applicationsReadableByApprover(
  db: Kysely<Tables>,
  config: StaticConfig,
  approver: UserActor,
  applicationIds: readonly string[],
): Promise<ReadonlySet<string>> {
  const apiIds = approvableApiIds(config, approver);
  if (apiIds.length === 0 || applicationIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("subscriptions")
    .select("application_id")
    .distinct()
    .where("application_id", "in", [...new Set(applicationIds)])
    .where("api_id", "in", apiIds)
    .execute();
  return new Set(rows.map((row) => row.application_id));
}

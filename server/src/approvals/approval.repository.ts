import type { Kysely } from "kysely";
import type { ClientType } from "../applications/application.types.js";
import type { Tables } from "../database/tables.js";
import type { PageRequest } from "../graphql/connection.js";
import { toSubscription } from "../subscriptions/subscription.repository.js";
import type { ApprovalRequest } from "./approval.types.js";

export type PendingRequest = Omit<ApprovalRequest, "waitingSeconds">;

/**
 * One page of pending subscriptions, oldest request first (status_changed_at asc, id asc: a stable order; the
 * cursor is that pair), with their applications and requesters, plus how many match. `apiIds` limits the queue
 * (an approver's APIs); null means every API. Two statements.
 */
export async function listPendingRequests(
  db: Kysely<Tables>,
  apiIds: readonly string[] | null,
  page: PageRequest,
): Promise<{ rows: PendingRequest[]; totalCount: number }> {
  if (apiIds !== null && apiIds.length === 0) return { rows: [], totalCount: 0 };
  let base = db.selectFrom("subscriptions").where("subscriptions.status", "=", "pending_approval");
  if (apiIds !== null) base = base.where("subscriptions.api_id", "in", apiIds);
  const counted = await base
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .executeTakeFirstOrThrow();
  let query = base
    .innerJoin("applications", "applications.id", "subscriptions.application_id")
    .leftJoin("users", "users.id", "subscriptions.requested_by")
    .selectAll("subscriptions")
    .select([
      "applications.name as application_name",
      "applications.description as application_description",
      "applications.client_type as application_client_type",
      "users.email as requester_email",
      "users.display_name as requester_display_name",
    ]);
  if (page.after) {
    const [at = "", id = ""] = page.after.map(String);
    query = query.where((eb) =>
      eb.or([
        eb("subscriptions.status_changed_at", ">", at),
        eb.and([eb("subscriptions.status_changed_at", "=", at), eb("subscriptions.id", ">", id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("subscriptions.status_changed_at", "asc")
    .orderBy("subscriptions.id", "asc")
    .limit(page.first + 1)
    .execute();
  return {
    rows: rows.map((row) => ({
      subscription: toSubscription(row),
      application: {
        id: row.application_id,
        name: row.application_name,
        description: row.application_description,
        clientType: row.application_client_type as ClientType,
      },
      requester:
        row.requested_by !== null && row.requester_email !== null
          ? {
              id: row.requested_by,
              email: row.requester_email,
              displayName: row.requester_display_name ?? "",
            }
          : null,
      requestedAt: row.status_changed_at,
    })),
    totalCount: Number(counted.count),
  };
}

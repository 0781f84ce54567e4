import type { Kysely } from "kysely";
import { toApplication } from "../applications/application.repository.js";
import type { Tables } from "../database/tables.js";
import type { PageRequest } from "../graphql/connection.js";
import { toSubscription } from "../subscriptions/subscription.repository.js";
import type { ApprovalRequest } from "./approval.types.js";

export type PendingRequest = Omit<ApprovalRequest, "waitingSeconds">;

/** Pending subscriptions joined with their applications and requesters (one row per request). */
function pendingRequests(db: Kysely<Tables>) {
  return db
    .selectFrom("subscriptions")
    .innerJoin("applications", "applications.id", "subscriptions.application_id")
    .leftJoin("users", "users.id", "subscriptions.requested_by")
    .where("subscriptions.status", "=", "pending_approval")
    .selectAll("subscriptions")
    .select([
      "applications.name as application_name",
      "applications.description as application_description",
      "applications.client_type as application_client_type",
      "applications.redirect_uris as application_redirect_uris",
      "applications.created_by as application_created_by",
      "applications.created_at as application_created_at",
      "applications.updated_at as application_updated_at",
      "users.email as requester_email",
      "users.display_name as requester_display_name",
    ]);
}

type PendingRow = Awaited<ReturnType<ReturnType<typeof pendingRequests>["executeTakeFirstOrThrow"]>>;

function toPendingRequest(row: PendingRow): PendingRequest {
  return {
    subscription: toSubscription(row),
    application: toApplication({
      id: row.application_id,
      name: row.application_name,
      description: row.application_description,
      client_type: row.application_client_type,
      redirect_uris: row.application_redirect_uris,
      created_by: row.application_created_by,
      created_at: row.application_created_at,
      updated_at: row.application_updated_at,
    }),
    requester:
      row.requested_by !== null && row.requester_email !== null
        ? { id: row.requested_by, email: row.requester_email, displayName: row.requester_display_name ?? "" }
        : null,
    requestedAt: row.status_changed_at,
  };
}

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
  let counted = db.selectFrom("subscriptions").where("status", "=", "pending_approval");
  if (apiIds !== null) counted = counted.where("api_id", "in", apiIds);
  const count = await counted
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .executeTakeFirstOrThrow();
  let query = pendingRequests(db);
  if (apiIds !== null) query = query.where("subscriptions.api_id", "in", apiIds);
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
  return { rows: rows.map(toPendingRequest), totalCount: Number(count.count) };
}

/** The request of one subscription while it is pending; undefined otherwise. */
export async function findPendingRequest(
  db: Kysely<Tables>,
  subscriptionId: string,
): Promise<PendingRequest | undefined> {
  const row = await pendingRequests(db).where("subscriptions.id", "=", subscriptionId).executeTakeFirst();
  return row && toPendingRequest(row);
}

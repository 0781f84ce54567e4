import { randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { SubscriptionStatusHistoryTable, SubscriptionsTable, Tables } from "../database/tables.js";
import { preparedQuery } from "../database/prepared-query.js";
import type { StatusHistoryEntry, Subscription, SubscriptionStatus } from "./subscription.types.js";

type SubscriptionRow = Selectable<SubscriptionsTable>;

export function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    applicationId: row.application_id,
    apiId: row.api_id,
    planId: row.plan_id,
    status: row.status as SubscriptionStatus,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at,
    requestedBy: row.requested_by,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toHistoryEntry(row: Selectable<SubscriptionStatusHistoryTable>): StatusHistoryEntry {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    status: row.status as SubscriptionStatus,
    reason: row.reason,
    actorId: row.actor_id,
    at: row.at,
  };
}

export async function insertSubscription(db: Kysely<Tables>, subscription: Subscription): Promise<void> {
  await db
    .insertInto("subscriptions")
    .values({
      id: subscription.id,
      application_id: subscription.applicationId,
      api_id: subscription.apiId,
      plan_id: subscription.planId,
      status: subscription.status,
      status_reason: subscription.statusReason,
      status_changed_at: subscription.statusChangedAt,
      requested_by: subscription.requestedBy,
      approved_at: subscription.approvedAt,
      approved_by: subscription.approvedBy,
      created_at: subscription.createdAt,
      updated_at: subscription.updatedAt,
    })
    .execute();
}

export async function findSubscriptionById(
  db: Kysely<Tables>,
  id: string,
): Promise<Subscription | undefined> {
  const row = await db.selectFrom("subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toSubscription(row);
}

/** The subscriptions of many applications in one statement, each application's ordered by API id. */
export async function listSubscriptionsOfApplications(
  db: Kysely<Tables>,
  applicationIds: readonly string[],
): Promise<Subscription[]> {
  if (applicationIds.length === 0) return [];
  const rows = await selectSubscriptionsOfApplications(db, applicationIds);
  return rows.map(toSubscription);
}

const selectSubscriptionsOfApplications = preparedQuery(
  (db: Kysely<Tables>, applicationIds: readonly string[]) =>
    db
      .selectFrom("subscriptions")
      .selectAll()
      .where("application_id", "in", applicationIds)
      .orderBy("application_id")
      .orderBy("api_id"),
);

/** Writes the subscription's changeable columns (status, plan, requester, approval) as given. */
export async function updateSubscription(db: Kysely<Tables>, subscription: Subscription): Promise<void> {
  await db
    .updateTable("subscriptions")
    .set(changeableColumns(subscription))
    .where("id", "=", subscription.id)
    .execute();
}

function changeableColumns(subscription: Subscription) {
  return {
    plan_id: subscription.planId,
    status: subscription.status,
    status_reason: subscription.statusReason,
    status_changed_at: subscription.statusChangedAt,
    requested_by: subscription.requestedBy,
    approved_at: subscription.approvedAt,
    approved_by: subscription.approvedBy,
    updated_at: subscription.updatedAt,
  };
}

/**
 * Moves a subscription to `status` only if it is still in one of `from`: the condition is in the statement, so
 * two approvers (or an approver and an unsubscribe) racing on one request change it at most once. False when the
 * subscription was not in one of `from` any more.
 */
export async function updateSubscriptionIfStatus(
  db: Kysely<Tables>,
  subscription: Subscription,
  from: readonly SubscriptionStatus[],
): Promise<boolean> {
  const result = await db
    .updateTable("subscriptions")
    .set(changeableColumns(subscription))
    .where("id", "=", subscription.id)
    .where("status", "in", from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteSubscriptionById(db: Kysely<Tables>, id: string): Promise<boolean> {
  const result = await db.deleteFrom("subscriptions").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

let historySequence = 0;

/**
 * History ids sort in insertion order within a process even when two entries share a timestamp (a fixed test
 * clock, or two changes in one millisecond): a per-process counter follows the time, random bytes follow that.
 */
function historyId(at: string): string {
  historySequence = (historySequence + 1) % 36 ** 6;
  const time = Date.parse(at).toString(36).padStart(9, "0");
  return `ssh_${time}${historySequence.toString(36).padStart(6, "0")}${randomBytes(6).toString("hex")}`;
}

export async function insertStatusHistory(
  db: Kysely<Tables>,
  entry: Omit<StatusHistoryEntry, "id">,
): Promise<void> {
  await db
    .insertInto("subscription_status_history")
    .values({
      id: historyId(entry.at),
      subscription_id: entry.subscriptionId,
      status: entry.status,
      reason: entry.reason,
      actor_id: entry.actorId,
      at: entry.at,
    })
    .execute();
}

/** The history of many subscriptions in one statement, oldest first within each. */
export async function listStatusHistoryOf(
  db: Kysely<Tables>,
  subscriptionIds: readonly string[],
): Promise<StatusHistoryEntry[]> {
  if (subscriptionIds.length === 0) return [];
  const rows = await db
    .selectFrom("subscription_status_history")
    .selectAll()
    .where("subscription_id", "in", subscriptionIds)
    .orderBy("subscription_id")
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map(toHistoryEntry);
}

import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { toApplication } from "../applications/application.repository.js";
import type { Application } from "../applications/application.types.js";
import { toSubscription } from "../subscriptions/subscription.repository.js";
import type { Subscription } from "../subscriptions/subscription.types.js";
import { provisionedStatuses, type GatewayConsumerFilter } from "./gateway.types.js";

function provisionedSubscriptions(db: Kysely<Tables>, filter: GatewayConsumerFilter) {
  let query = db.selectFrom("subscriptions").where("status", "in", provisionedStatuses);
  if (filter.subscriptionIds) query = query.where("id", "in", nonEmpty(filter.subscriptionIds));
  if (filter.apiIds) query = query.where("api_id", "in", nonEmpty(filter.apiIds));
  if (filter.applicationIds) query = query.where("application_id", "in", nonEmpty(filter.applicationIds));
  return query;
}

/** `in ()` is not valid SQL; an id no row has matches nothing, as an empty list should. */
function nonEmpty(ids: readonly string[]): string[] {
  return ids.length > 0 ? [...new Set(ids)] : [""];
}

/** One page of subscriptions with credentials in id order, after `afterId`, `limit` rows (a keyset query). */
export async function listProvisionedSubscriptionsPage(
  db: Kysely<Tables>,
  filter: GatewayConsumerFilter,
  afterId: string | null,
  limit: number,
): Promise<Subscription[]> {
  let query = provisionedSubscriptions(db, filter).selectAll();
  if (afterId !== null) query = query.where("id", ">", afterId);
  const rows = await query.orderBy("id").limit(limit).execute();
  return rows.map(toSubscription);
}

export async function countProvisionedSubscriptions(
  db: Kysely<Tables>,
  filter: GatewayConsumerFilter,
): Promise<number> {
  const row = await provisionedSubscriptions(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Many applications by id in one statement. */
export async function listApplicationsByIds(
  db: Kysely<Tables>,
  ids: readonly string[],
): Promise<Application[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("applications")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .execute();
  return rows.map(toApplication);
}

import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";

/**
 * Takes or renews a listener's delivery lease: succeeds when nobody holds it, the holder renews, or the previous
 * lease has expired. One conditional UPDATE, so two bridge replicas can never both win.
 */
export async function takeLease(
  db: Kysely<Tables>,
  listenerId: string,
  holder: string,
  now: Date,
  expiresAt: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("webhook_listeners")
    .set({ lease_holder: holder, lease_expires_at: expiresAt.toISOString() })
    .where("id", "=", listenerId)
    .where((eb) =>
      eb.or([
        eb("lease_holder", "is", null),
        eb("lease_holder", "=", holder),
        eb("lease_expires_at", "<=", now.toISOString()),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives a lease up; only its holder can. */
export async function releaseLease(db: Kysely<Tables>, listenerId: string, holder: string): Promise<void> {
  await db
    .updateTable("webhook_listeners")
    .set({ lease_holder: null, lease_expires_at: null })
    .where("id", "=", listenerId)
    .where("lease_holder", "=", holder)
    .execute();
}

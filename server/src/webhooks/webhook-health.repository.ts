import { sql, type Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { matchingEventFilter } from "../event-log/event-log.repository.js";
import { listListeners } from "./webhook-listener.repository.js";
import type { WebhookListener } from "./webhook-listener.types.js";

/** Delivery health of one listener, as `/metrics` and `systemHealth` show it. */
export interface ListenerHealth {
  readonly id: string;
  readonly position: number;
  /** Pending events of the log plus dead letters being delivered again. */
  readonly backlog: number;
  /** Seconds since the oldest pending event of the log happened; 0 when nothing is pending. */
  readonly lagSeconds: number;
  readonly consecutiveFailures: number;
  readonly deadLetters: number;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
}

/** SQLite allows at most 500 terms in one compound select; listeners are counted in groups below that. */
const LISTENERS_PER_STATEMENT = 200;

/**
 * Every listener's backlog, lag, failures and dead letters in a fixed number of statements, whatever the event
 * rate: the listeners, one `union all` counting each listener's pending events (its own position and filter), and
 * the dead letters grouped by listener (those being delivered again from behind the position count as pending). Meant for scrapes and health pages, not for every event.
 */
export async function listenerHealth(db: Kysely<Tables>, now: Date): Promise<ListenerHealth[]> {
  const listeners = await listListeners(db, null);
  if (listeners.length === 0) return [];
  const [backlogs, deadLetters] = await Promise.all([
    pendingPerListener(db, listeners),
    db
      .selectFrom("webhook_dead_letters as d")
      .innerJoin("webhook_listeners as l", "l.id", "d.listener_id")
      .select((eb) => [
        "d.listener_id as listenerId",
        eb.fn.countAll<number | string>().as("total"),
        eb.fn
          .sum<number | string | null>(
            eb
              .case()
              .when(eb.and([eb("d.redeliver", "=", 1), eb("d.sequence", "<=", eb.ref("l.position"))]))
              .then(1)
              .else(0)
              .end(),
          )
          .as("redelivering"),
      ])
      .groupBy("d.listener_id")
      .execute(),
  ]);
  return listeners.map((listener) => {
    const log = backlogs.get(listener.id);
    const letters = deadLetters.find((row) => row.listenerId === listener.id);
    const redelivering = Number(letters?.redelivering ?? 0);
    const oldest = log?.oldest ?? null;
    return {
      id: listener.id,
      position: listener.position,
      backlog: (log?.count ?? 0) + redelivering,
      lagSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000),
      consecutiveFailures: listener.consecutiveFailures,
      deadLetters: Number(letters?.total ?? 0),
      lastSuccessAt: listener.lastSuccessAt,
      lastAttemptAt: listener.lastAttemptAt,
    };
  });
}

async function pendingPerListener(
  db: Kysely<Tables>,
  listeners: readonly WebhookListener[],
): Promise<Map<string, { count: number; oldest: string | null }>> {
  const result = new Map<string, { count: number; oldest: string | null }>();
  for (let start = 0; start < listeners.length; start += LISTENERS_PER_STATEMENT) {
    const branches = listeners.slice(start, start + LISTENERS_PER_STATEMENT).map((listener) =>
      db
        .selectFrom("outbox_events")
        .select((eb) => [
          sql<string>`cast(${listener.id} as text)`.as("listener_id"),
          eb.fn.countAll<number | string>().as("count"),
          eb.fn.min("occurred_at").as("oldest"),
        ])
        .where("sequence", ">", listener.position)
        .where((eb) => matchingEventFilter(eb, listener.filter)),
    );
    const [first, ...rest] = branches;
    if (!first) continue;
    const rows = await rest.reduce((query, branch) => query.unionAll(branch), first).execute();
    for (const row of rows) {
      result.set(row.listener_id, { count: Number(row.count), oldest: row.oldest ?? null });
    }
  }
  return result;
}

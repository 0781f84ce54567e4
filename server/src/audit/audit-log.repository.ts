import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from "kysely";
import type { AuditLogTable, Tables } from "../database/tables.js";
import type { AuditLogEntry, AuditLogPosition, AuditLogQuery } from "./audit-log.types.js";

type AuditRow = Selectable<AuditLogTable>;

function parseSummary(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function toAuditLogEntry(row: AuditRow): AuditLogEntry {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorKind: row.actor_kind,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    summary: parseSummary(row.summary),
    clientAddress: row.client_address,
    userAgent: row.user_agent,
  };
}

function filtered<O>(
  query: SelectQueryBuilder<Tables, "audit_log", O>,
  filter: AuditLogQuery,
): SelectQueryBuilder<Tables, "audit_log", O> {
  let result = query;
  if (filter.actorId !== null) result = result.where("actor_id", "=", filter.actorId);
  if (filter.targetType !== null) result = result.where("target_type", "=", filter.targetType);
  if (filter.targetId !== null) result = result.where("target_id", "=", filter.targetId);
  if (filter.action !== null) {
    const action = filter.action;
    // substr, not LIKE: case-sensitive and without wildcards on both backends.
    result =
      "exact" in action
        ? result.where("action", "=", action.exact)
        : result.where(sql<boolean>`substr(action, 1, ${sql.lit(action.prefix.length)}) = ${action.prefix}`);
  }
  if (filter.from !== null) result = result.where("at", ">=", filter.from);
  if (filter.to !== null) result = result.where("at", "<", filter.to);
  return result;
}

/** Matching entries after `after`, newest first (at desc, id desc: a stable order), at most `limit`. */
export async function findAuditEntries(
  db: Kysely<Tables>,
  filter: AuditLogQuery,
  after: AuditLogPosition | null,
  limit: number,
): Promise<AuditLogEntry[]> {
  let query = filtered(db.selectFrom("audit_log").selectAll(), filter);
  if (after !== null) {
    const [at, id] = after;
    query = query.where((eb) => eb.or([eb("at", "<", at), eb.and([eb("at", "=", at), eb("id", "<", id)])]));
  }
  const rows = await query.orderBy("at", "desc").orderBy("id", "desc").limit(limit).execute();
  return rows.map(toAuditLogEntry);
}

export async function countAuditEntries(db: Kysely<Tables>, filter: AuditLogQuery): Promise<number> {
  const row = await filtered(db.selectFrom("audit_log"), filter)
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Deletes every entry recorded before `cutoff`; returns how many. */
export async function deleteAuditEntriesBefore(db: Kysely<Tables>, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom("audit_log").where("at", "<", cutoff.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

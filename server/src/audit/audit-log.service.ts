import type { Kysely } from "kysely";
import { z } from "zod";
import { system, type Actor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { parseInput } from "../errors/input-validation.js";
import { toPage, type Page, type PageRequest } from "../graphql/connection.js";
import { auditCsvHeader, auditCsvRecord } from "./audit-log.csv.js";
import { auditLogPolicy } from "./audit-log.policy.js";
import { countAuditEntries, deleteAuditEntriesBefore, findAuditEntries } from "./audit-log.repository.js";
import type { AuditLogEntry, AuditLogFilter, AuditLogPosition, AuditLogQuery } from "./audit-log.types.js";
import { recordAudit } from "./audit.recorder.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per statement while streaming the CSV export. */
export const CSV_BATCH_SIZE = 500;

const actionPattern = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.?$/;
const text = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

const filterSchema = z
  .object({
    actorId: text.nullish(),
    targetType: text.nullish(),
    targetId: text.nullish(),
    action: z
      .string()
      .trim()
      .max(200, "must be at most 200 characters")
      .regex(
        actionPattern,
        "must be an action such as user.created, or a prefix ending in a dot such as user.",
      )
      .nullish(),
    from: z.date("must be a date-time").nullish(),
    to: z.date("must be a date-time").nullish(),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from.getTime() < filter.to.getTime(), {
    message: "must be later than from",
    path: ["to"],
  });

export interface AuditLogServiceDeps {
  readonly db: Kysely<Tables>;
  /** `portal.auditLog.retentionDays` of the static configuration. */
  readonly retentionDays: number;
  readonly clock: () => Date;
}

/** Reading, exporting and purging the audit log. Entries are written by `recordAudit` inside each change. */
export class AuditLogService {
  constructor(private readonly deps: AuditLogServiceDeps) {}

  /** A page of matching entries, newest first (at desc, id desc). Administrators only. */
  async list(
    actor: Actor,
    filter: AuditLogFilter | null | undefined,
    page: PageRequest,
  ): Promise<Page<AuditLogEntry>> {
    auditLogPolicy.read(actor);
    const query = toQuery(filter);
    const after = positionOf(page.after);
    const [rows, totalCount] = await Promise.all([
      findAuditEntries(this.deps.db, query, after, page.first + 1),
      countAuditEntries(this.deps.db, query),
    ]);
    return toPage(rows, page, totalCount, (entry) => [entry.at, entry.id]);
  }

  /**
   * The matching entries as CSV (RFC 4180, CRLF, header row, formula-looking cells defused), newest first, read
   * in batches so the export never holds the whole log in memory. Authorization and filter validation happen
   * before this resolves, so a transport can still answer with an error status instead of a broken download.
   */
  async exportCsv(actor: Actor, filter: AuditLogFilter | null | undefined): Promise<AsyncIterable<string>> {
    auditLogPolicy.read(actor);
    const query = toQuery(filter);
    const db = this.deps.db;
    const first = await findAuditEntries(db, query, null, CSV_BATCH_SIZE);
    return (async function* csvChunks() {
      yield auditCsvHeader;
      let batch = first;
      while (batch.length > 0) {
        yield batch.map(auditCsvRecord).join("");
        const last = batch.at(-1);
        if (batch.length < CSV_BATCH_SIZE || !last) return;
        batch = await findAuditEntries(db, query, [last.at, last.id], CSV_BATCH_SIZE);
      }
    })();
  }

  /**
   * Deletes entries older than the retention period (`portal.auditLog.retentionDays`) and records the purge
   * itself, in one transaction. Returns how many entries were deleted.
   */
  async purgeExpiredAuditEntries(now: Date = this.deps.clock()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.deps.retentionDays * DAY_MS);
    return this.deps.db.transaction().execute(async (trx) => {
      const deleted = await deleteAuditEntriesBefore(trx, cutoff);
      if (deleted > 0) {
        await recordAudit(
          trx,
          system("audit-retention"),
          {
            action: "audit_log.purged",
            target: null,
            summary: { deleted, before: cutoff.toISOString(), retentionDays: this.deps.retentionDays },
          },
          now,
        );
      }
      return deleted;
    });
  }
}

function toQuery(filter: AuditLogFilter | null | undefined): AuditLogQuery {
  const parsed = parseInput(filterSchema, filter ?? {});
  const action = parsed.action ? parsed.action : null;
  return {
    actorId: parsed.actorId ?? null,
    targetType: parsed.targetType ?? null,
    targetId: parsed.targetId ?? null,
    action: action === null ? null : action.endsWith(".") ? { prefix: action } : { exact: action },
    from: parsed.from ? parsed.from.toISOString() : null,
    to: parsed.to ? parsed.to.toISOString() : null,
  };
}

function positionOf(after: PageRequest["after"]): AuditLogPosition | null {
  if (after === null) return null;
  const [at, id] = after;
  if (after.length === 2 && typeof at === "string" && typeof id === "string") return [at, id];
  throw DomainError.validation([
    { field: "after", code: "INVALID_CURSOR", message: "is not a cursor of the audit log" },
  ]);
}

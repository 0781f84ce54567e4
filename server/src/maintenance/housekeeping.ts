import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { AuditLogService } from "../audit/audit-log.service.js";
import type { Tables } from "../database/tables.js";
import type { EventLogService } from "../event-log/event-log.service.js";
import { deleteOutboundMessagesBefore } from "../outbound-messages/outbound-message.repository.js";
import { purgeExpiredWebhookRecords } from "../webhooks/webhook-retention.js";
import { deleteCredentialsEndedBefore } from "../credentials/credential.repository.js";
import { deleteOneTimeTokensEndedBefore } from "../passwords/one-time-token.repository.js";
import { RateLimiter } from "../rate-limits/rate-limiter.js";
import { deleteSessionsEndedBefore } from "../sessions/session.repository.js";
import { createPeriodicJob, type PeriodicJob } from "./periodic-job.js";

export interface HousekeepingDependencies {
  readonly db: Kysely<Tables>;
  readonly auditLog: Pick<AuditLogService, "purgeExpiredAuditEntries">;
  readonly eventLog: Pick<EventLogService, "purgeExpiredEvents" | "retentionDays">;
  readonly logger: Logger;
  readonly clock: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Ended rows are kept this long after they ended, so support can still see a recent session or link. */
const GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The hourly clean-ups of rows that can never be used again: audit entries, events and outbound message records
 * past their retention, ended sessions, ended rate-limit windows, used or expired one-time links, and credentials
 * revoked or past their rotation overlap.
 */
export function createHousekeeping(deps: HousekeepingDependencies): PeriodicJob[] {
  const graceCutoff = () => new Date(deps.clock().getTime() - GRACE_MS);
  const eventRetentionCutoff = () => new Date(deps.clock().getTime() - deps.eventLog.retentionDays * DAY_MS);
  const rateLimiter = new RateLimiter(deps.db, deps.clock);
  const job = (name: string, purge: () => Promise<number>) =>
    createPeriodicJob({ name, purge, logger: deps.logger });
  return [
    job("expired audit log entries", () => deps.auditLog.purgeExpiredAuditEntries()),
    job("expired event log entries", () => deps.eventLog.purgeExpiredEvents()),
    job("expired webhook dead letters and delivery attempts", () =>
      purgeExpiredWebhookRecords(deps.db, deps.eventLog.retentionDays, deps.clock()),
    ),
    // An event can only come back (and a message be sent twice) while the log keeps it: same retention.
    job("expired outbound message records", () =>
      deleteOutboundMessagesBefore(deps.db, eventRetentionCutoff()),
    ),
    job("ended sessions", () => deleteSessionsEndedBefore(deps.db, graceCutoff())),
    job("ended rate-limit windows", () => rateLimiter.purgeEnded()),
    job("used or expired one-time links", () => deleteOneTimeTokensEndedBefore(deps.db, graceCutoff())),
    job("revoked or expired credentials", () => deleteCredentialsEndedBefore(deps.db, graceCutoff())),
  ];
}

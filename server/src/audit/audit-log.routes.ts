import { Readable } from "node:stream";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { Actor } from "../actor/actor.js";
import { DomainError, httpStatusOf } from "../errors/domain-error.js";
import { HttpError } from "../http/http-error.js";
import type { AuditLogService } from "./audit-log.service.js";
import type { AuditLogFilter } from "./audit-log.types.js";

export const AUDIT_LOG_CSV_PATH = "/audit-log.csv";

export interface AuditLogRoutesOptions {
  /** The caller of the request (session cookie or bearer token), as the GraphQL context gets it. */
  readonly resolveActor: (request: FastifyRequest) => Promise<Actor>;
  readonly service: Pick<AuditLogService, "exportCsv">;
}

const textParameters = ["actorId", "targetType", "targetId", "action"] as const;
const timeParameters = ["from", "to"] as const;
const knownParameters = new Set<string>([...textParameters, ...timeParameters]);

/**
 * `GET /audit-log.csv?actorId=&targetType=&targetId=&action=&from=&to=`: the audit log export, with the same
 * filters as the GraphQL `auditLog` query (`from`/`to` as ISO-8601 date-times). A thin adapter: it turns the query
 * string into a filter, the caller into an actor, and streams what the service returns. Errors use the server's
 * `{ error: { code, message } }` body with the status of the domain error code.
 */
export function auditLogRoutes(options: AuditLogRoutesOptions): FastifyPluginAsync {
  return (app) => {
    app.get(AUDIT_LOG_CSV_PATH, async (request, reply) => {
      try {
        const filter = filterFromQuery(request.query);
        const actor = await options.resolveActor(request);
        const csv = await options.service.exportCsv(actor, filter);
        const stamp = new Date().toISOString().replace(/[:.]/g, "-");
        return reply
          .header("content-type", "text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="audit-log-${stamp}.csv"`)
          .header("cache-control", "no-store")
          .header("x-content-type-options", "nosniff")
          .send(Readable.from(csv));
      } catch (error) {
        if (error instanceof DomainError)
          throw new HttpError(httpStatusOf(error.code), error.message, error.code);
        throw error;
      }
    });
    return Promise.resolve();
  };
}

/** The query string as a filter; unknown or repeated parameters are refused, so a typo never exports everything. */
function filterFromQuery(query: unknown): AuditLogFilter {
  const parameters = (query ?? {}) as Record<string, unknown>;
  const problems: { field: string; code: string; message: string }[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (!knownParameters.has(name)) {
      problems.push({
        field: name,
        code: "UNKNOWN_PARAMETER",
        message: `is not a filter; use ${[...knownParameters].join(", ")}`,
      });
    } else if (typeof value !== "string") {
      problems.push({ field: name, code: "REPEATED_PARAMETER", message: "must be given once" });
    }
  }
  const filter: Record<string, string | Date | null> = {};
  for (const name of textParameters) {
    const value = parameters[name];
    filter[name] = typeof value === "string" && value !== "" ? value : null;
  }
  for (const name of timeParameters) {
    const value = parameters[name];
    if (typeof value !== "string" || value === "") {
      filter[name] = null;
      continue;
    }
    const time = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(time.getTime())) {
      problems.push({ field: name, code: "INVALID_DATE_TIME", message: "must be an ISO-8601 date-time" });
    }
    filter[name] = time;
  }
  if (problems.length > 0) throw DomainError.validation(problems);
  return filter;
}

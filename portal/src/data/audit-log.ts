import { client } from "../client";
import { graphql } from "../gql";
import type { AuditLogFilterInput, AuditLogQuery } from "../gql/graphql";
import { auditLogFilter, type AuditLogForm } from "./audit-log-filter";
import { connectionPage, type ConnectionPage } from "./connection-pages";
import { loaded, type Loaded } from "./result";

export type AuditLogEntry = AuditLogQuery["auditLog"]["edges"][number]["node"];

export type AuditLogPage = ConnectionPage<AuditLogEntry>;

const AuditLogDocument = graphql(`
  query AuditLog($filter: AuditLogFilterInput, $after: String) {
    auditLog(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          at
          action
          actorId
          actorKind
          targetType
          targetId
          clientAddress
          summary
        }
      }
    }
  }
`);

/** One page of the audit log (newest first) for the filters of the form. */
export async function loadAuditLog(form: AuditLogForm, after: string | null): Promise<Loaded<AuditLogPage>> {
  const filter: AuditLogFilterInput = auditLogFilter(form);
  const result = await client
    .query(AuditLogDocument, { filter, after }, { requestPolicy: "network-only" })
    .toPromise();
  return loaded(result, (data) => connectionPage(data.auditLog));
}

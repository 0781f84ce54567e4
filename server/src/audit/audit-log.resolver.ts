import { Arg, Args, Ctx, Query, Resolver } from "type-graphql";
import { PageArgs, pageRequest, toConnection, type ConnectionShape } from "../graphql/connection.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { AuditLogEntry, AuditLogEntryConnection, AuditLogFilterInput } from "./audit-log.graphql.js";

@Resolver()
export class AuditLogResolver {
  @Query(() => AuditLogEntryConnection, {
    description:
      "The audit log, newest first (administrators only). The same filters export CSV at `GET /audit-log.csv`.",
  })
  async auditLog(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => AuditLogFilterInput, { nullable: true, description: "Which entries to return." })
    filter: AuditLogFilterInput | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionShape<AuditLogEntry>> {
    const result = await context.services.auditLog.list(
      context.actor,
      filter ? { ...filter } : null,
      pageRequest(page),
    );
    return toConnection(result);
  }
}

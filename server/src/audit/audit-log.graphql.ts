import { GraphQLJSONObject } from "graphql-scalars";
import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from "type-graphql";
import { connectionType } from "../graphql/connection.js";

@ObjectType({ description: "One recorded write: who did what to which object, when, and from where." })
export class AuditLogEntry {
  @Field(() => ID, { description: "Id of the entry." })
  id: string;

  @Field(() => GraphQLISODateTime, { description: "When the change happened." })
  at: string;

  @Field(() => String, {
    nullable: true,
    description: "User id, service account id or `system:<job>`; null for anonymous callers (e.g. sign-up).",
  })
  actorId: string | null;

  @Field(() => String, {
    description:
      "How the actor authenticated: `user` (browser session), `token` (personal access token), `service`, `system` or `anonymous`.",
  })
  actorKind: string;

  @Field(() => String, { description: "What was done, e.g. `user.created` or `access_token.revoked`." })
  action: string;

  @Field(() => String, { nullable: true, description: "Kind of the changed object, e.g. `user`." })
  targetType: string | null;

  @Field(() => String, { nullable: true, description: "Id of the changed object." })
  targetId: string | null;

  @Field(() => GraphQLJSONObject, { description: "What changed, without secrets." })
  summary: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: "The caller's IP address, if known." })
  clientAddress: string | null;

  @Field(() => String, { nullable: true, description: "The caller's User-Agent header, if any." })
  userAgent: string | null;
}

export const AuditLogEntryConnection = connectionType(AuditLogEntry, "AuditLogEntry");

@InputType({ description: "Filters of the audit log; all optional, combined with AND." })
export class AuditLogFilterInput {
  @Field(() => String, { nullable: true, description: "Only entries by this actor (`actorId`)." })
  actorId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Only entries about objects of this kind, e.g. `user`.",
  })
  targetType?: string | null;

  @Field(() => String, { nullable: true, description: "Only entries about the object with this id." })
  targetId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "An exact action (`user.created`), or a prefix ending in a dot (`user.`) for every action of that kind.",
  })
  action?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "Only entries at or after this time." })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "Only entries before this time." })
  to?: Date | null;
}

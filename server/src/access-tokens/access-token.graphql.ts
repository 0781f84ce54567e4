import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../graphql/connection.js";

/** The GraphQL names of the scopes; the values are the portal's own (`read`, `write`). */
export enum AccessScopeValue {
  READ = "read",
  WRITE = "write",
}

registerEnumType(AccessScopeValue, {
  name: "AccessScope",
  description: "What a credential may do.",
  valuesConfig: {
    READ: {
      description: "Queries and subscriptions only; every mutation is refused with INSUFFICIENT_SCOPE.",
    },
    WRITE: { description: "Queries, subscriptions and mutations, within the owner's own rights." },
  },
});

@ObjectType({
  description:
    "A personal access token for scripts, used as `Authorization: Bearer <token>`. The token itself is shown only once, when it is created.",
})
export class PersonalAccessToken {
  @Field(() => ID, { description: "Stable id, used to revoke the token." })
  id: string;

  @Field(() => ID, { description: "Id of the user who owns the token and whose rights it carries." })
  userId: string;

  @Field(() => String, { description: "The owner's name for the token, e.g. what script uses it." })
  name: string;

  @Field(() => String, {
    description: "The first characters of the token (`pat_` and 8 more), to recognise it.",
  })
  prefix: string;

  @Field(() => AccessScopeValue, { description: "What the token may do." })
  scope: AccessScopeValue;

  @Field(() => GraphQLISODateTime, { description: "When the token was created." })
  createdAt: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "When the token was last used (recorded at most once a minute); null if never.",
  })
  lastUsedAt: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "When the token stops working; null if it never expires.",
  })
  expiresAt: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "When the token was revoked; null while it is not.",
  })
  revokedAt: string | null;
}

export const PersonalAccessTokenConnection = connectionType(PersonalAccessToken, "PersonalAccessToken");

@InputType({ description: "A new personal access token." })
export class CreateAccessTokenInput {
  @Field(() => String, { description: "A name that says what uses the token (1 to 100 characters)." })
  name: string;

  @Field(() => AccessScopeValue, {
    description: "READ for scripts that only query; WRITE to also run mutations.",
  })
  scope: AccessScopeValue;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      "When the token stops working (must be in the future); omit or null for a token that never expires.",
  })
  expiresAt?: Date | null;
}

@ObjectType({ description: "The created token. `token` is shown only here and can never be read again." })
export class CreateAccessTokenPayload {
  @Field(() => PersonalAccessToken, { description: "The token's description (without the token itself)." })
  accessToken: PersonalAccessToken;

  @Field(() => String, {
    description:
      "The token itself (`pat_…`): copy it now, it is stored only as a hash and is never shown again.",
  })
  token: string;
}

@InputType({ description: "Which token to revoke." })
export class RevokeAccessTokenInput {
  @Field(() => ID, { description: "Id of the token." })
  id: string;
}

@ObjectType({ description: "The revoked token." })
export class RevokeAccessTokenPayload {
  @Field(() => PersonalAccessToken, { description: "The token, with `revokedAt` set." })
  accessToken: PersonalAccessToken;
}

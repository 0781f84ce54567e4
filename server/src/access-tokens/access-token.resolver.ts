import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { PageArgs, pageRequest, toConnection, type ConnectionShape } from "../graphql/connection.js";
import {
  CreateAccessTokenInput,
  CreateAccessTokenPayload,
  PersonalAccessToken,
  PersonalAccessTokenConnection,
  RevokeAccessTokenInput,
  RevokeAccessTokenPayload,
} from "./access-token.graphql.js";
import type { AccessToken } from "./access-token.types.js";

/** The GraphQL shape is the domain shape; only the scope's TypeScript type differs (same values). */
function toGraphQL(token: AccessToken): PersonalAccessToken {
  return token as PersonalAccessToken;
}

@Resolver()
export class AccessTokenResolver {
  @Query(() => PersonalAccessTokenConnection, {
    description:
      "Personal access tokens, newest first: the caller's own, or (administrators only) those of `userId`.",
  })
  async accessTokens(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("userId", () => ID, {
      nullable: true,
      description: "Whose tokens to list; omit for your own. Only administrators may name another user.",
    })
    userId: string | null,
    @Arg("includeRevoked", () => Boolean, {
      defaultValue: false,
      description: "Also list revoked tokens. Expired tokens are always listed.",
    })
    includeRevoked: boolean,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionShape<PersonalAccessToken>> {
    const result = await context.services.accessTokens.list(
      context.actor,
      { userId, includeRevoked },
      pageRequest(page),
    );
    return toConnection({
      ...result,
      items: result.items.map((item) => ({ ...item, node: toGraphQL(item.node) })),
    });
  }

  @Mutation(() => CreateAccessTokenPayload, {
    description:
      "Creates a personal access token for the signed-in, verified user (not with another token). The token is in the payload, once.",
  })
  async createAccessToken(
    @Arg("input", () => CreateAccessTokenInput, { description: "Name, scope and optional expiry." })
    input: CreateAccessTokenInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CreateAccessTokenPayload> {
    const created = await context.services.accessTokens.create(context.actor, { ...input });
    return { accessToken: toGraphQL(created.accessToken), token: created.token };
  }

  @Mutation(() => RevokeAccessTokenPayload, {
    description:
      "Revokes a personal access token at once. Owners revoke their own tokens; administrators any.",
  })
  async revokeAccessToken(
    @Arg("input", () => RevokeAccessTokenInput, { description: "The token to revoke." })
    input: RevokeAccessTokenInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RevokeAccessTokenPayload> {
    return {
      accessToken: toGraphQL(await context.services.accessTokens.revoke(context.actor, { ...input })),
    };
  }
}

import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { GroupObject, toGroupObject } from "../groups/group.graphql.js";
import { PageArgs, pageRequest, toConnection, type ConnectionShape } from "../graphql/connection.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import {
  ProfileFieldValueObject,
  toUserObject,
  UserConnection,
  UserFilterInput,
  UserObject,
} from "./user.graphql.js";
import { userGroupIdsLoader } from "./user.loaders.js";

@Resolver(() => UserObject)
export class UserResolver {
  @Query(() => UserObject, {
    nullable: true,
    description: "The signed-in user (browser session or personal access token); null for anyone else.",
  })
  async viewer(@Ctx() context: GraphQLContext): Promise<UserObject | null> {
    const user = await context.services.accounts.account.viewer(context.actor);
    return user && toUserObject(user);
  }

  @Query(() => UserConnection, {
    description: "Users in e-mail order, with search and filters (administrators).",
  })
  async users(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => UserFilterInput, { nullable: true, description: "Conditions the users must meet." })
    filter: UserFilterInput | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionShape<UserObject>> {
    const result = await context.services.accounts.users.list(
      context.actor,
      { ...filter },
      pageRequest(page),
    );
    return toConnection({
      ...result,
      items: result.items.map((item) => ({ ...item, node: toUserObject(item.node) })),
    });
  }

  @Query(() => UserObject, {
    nullable: true,
    description: "A user by id (administrators, or the user themself); null when there is none.",
  })
  async user(
    @Arg("id", () => ID, { description: "Id of the user." }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<UserObject | null> {
    const user = await context.services.accounts.users.user(context.actor, id);
    return user && toUserObject(user);
  }

  @FieldResolver(() => [GroupObject], {
    description: "Groups of the static configuration the user belongs to (a short list, so not paginated).",
  })
  async groups(@Root() user: UserObject, @Ctx() context: GraphQLContext): Promise<GroupObject[]> {
    return context.services.accounts.groups.groupsOf(await groupIdsOf(user, context)).map(toGroupObject);
  }

  @FieldResolver(() => Boolean, { description: "Member of a group flagged admin." })
  async isAdmin(@Root() user: UserObject, @Ctx() context: GraphQLContext): Promise<boolean> {
    return context.services.accounts.groups.groupsOf(await groupIdsOf(user, context)).some((g) => g.admin);
  }

  @FieldResolver(() => Boolean, { description: "Member of a group flagged approver." })
  async isApprover(@Root() user: UserObject, @Ctx() context: GraphQLContext): Promise<boolean> {
    return context.services.accounts.groups.groupsOf(await groupIdsOf(user, context)).some((g) => g.approver);
  }

  @FieldResolver(() => [ProfileFieldValueObject], {
    description: "Every profile field of the static configuration, in its order, with the user's values.",
  })
  profile(@Root() user: UserObject, @Ctx() context: GraphQLContext): ProfileFieldValueObject[] {
    return context.services.accounts.users.profileOf(user.profileValues);
  }
}

function groupIdsOf(user: UserObject, context: GraphQLContext): Promise<readonly string[]> {
  return user.groupIds ? Promise.resolve(user.groupIds) : userGroupIdsLoader(context).load(user.id);
}

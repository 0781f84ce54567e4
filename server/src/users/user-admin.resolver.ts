import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import {
  DeleteUserPayload,
  SetUserGroupsInput,
  toUserObject,
  UserPayload,
  UserRefInput,
} from "./user.graphql.js";

/** What administrators do with other users' accounts. */
@Resolver()
export class UserAdminResolver {
  @Mutation(() => UserPayload, {
    description:
      "Replaces a user's groups (administrators). Only groups of the static configuration are accepted.",
  })
  async setUserGroups(
    @Arg("input", () => SetUserGroupsInput, { description: "The user and the complete new group list." })
    input: SetUserGroupsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UserPayload> {
    const { user, groupIds } = await context.services.accounts.admin.setGroups(context.actor, { ...input });
    return { user: toUserObject(user, groupIds) };
  }

  @Mutation(() => UserPayload, {
    description: "Disables an account (administrators): its sessions and access tokens stop working at once.",
  })
  async disableUser(
    @Arg("input", () => UserRefInput, { description: "The user to disable." }) input: UserRefInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UserPayload> {
    return { user: toUserObject(await context.services.accounts.admin.disable(context.actor, { ...input })) };
  }

  @Mutation(() => UserPayload, { description: "Re-enables a disabled account (administrators)." })
  async enableUser(
    @Arg("input", () => UserRefInput, { description: "The user to enable." }) input: UserRefInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UserPayload> {
    return { user: toUserObject(await context.services.accounts.admin.enable(context.actor, { ...input })) };
  }

  @Mutation(() => DeleteUserPayload, {
    description:
      "Deletes another user's account (administrators). Refused with LAST_OWNER while the user is the last owner of an application.",
  })
  async deleteUser(
    @Arg("input", () => UserRefInput, { description: "The user to delete." }) input: UserRefInput,
    @Ctx() context: GraphQLContext,
  ): Promise<DeleteUserPayload> {
    await context.services.accounts.admin.delete(context.actor, { ...input });
    return { deletedUserId: input.userId };
  }

  @Mutation(() => UserPayload, {
    description: "E-mails a new verification link to an unverified user (administrators).",
  })
  async adminResendVerification(
    @Arg("input", () => UserRefInput, { description: "The unverified user." }) input: UserRefInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UserPayload> {
    return {
      user: toUserObject(
        await context.services.accounts.admin.resendVerification(context.actor, { ...input }),
      ),
    };
  }
}

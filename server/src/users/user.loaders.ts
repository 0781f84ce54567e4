import DataLoader from "dataloader";
import { loader, type GraphQLContext } from "../graphql/graphql-context.js";

/**
 * Group ids of users, batched per request: a page of users costs one `user_groups` statement however many users
 * it holds.
 */
export function userGroupIdsLoader(context: GraphQLContext): DataLoader<string, readonly string[]> {
  return loader(
    context,
    "users.groupIds",
    () =>
      new DataLoader<string, readonly string[]>((userIds) =>
        context.services.accounts.users.groupIdsOfUsers(context.actor, userIds),
      ),
  );
}

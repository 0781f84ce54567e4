import DataLoader from "dataloader";
import { loader, type GraphQLContext } from "../graphql/graphql-context.js";
import type { ApplicationMember } from "./application.types.js";

/**
 * Members of applications with their accounts, batched per request: a page of applications costs one statement
 * for all their members (and the viewer's role is read from the same lists).
 */
export function applicationMembersLoader(
  context: GraphQLContext,
): DataLoader<string, readonly ApplicationMember[]> {
  return loader(
    context,
    "applications.members",
    () =>
      new DataLoader<string, readonly ApplicationMember[]>((applicationIds) =>
        context.services.applications.members.membersOf(context.actor, applicationIds),
      ),
  );
}

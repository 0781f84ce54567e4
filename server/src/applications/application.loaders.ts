import DataLoader from "dataloader";
import { loader, type GraphQLContext } from "../graphql/graphql-context.js";
import type { ApplicationMember, ApplicationRole } from "./application.types.js";

/**
 * Members of applications with their accounts, batched per request: a page of applications costs one statement
 * for all their members.
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

/**
 * The caller's role in each application (null: not a member, or an application the caller may not read), read
 * from the members loader; `application(id)` primes it with the role its own lookup found, so that query needs no
 * members statement unless it asks for the members.
 */
export function viewerRoleLoader(context: GraphQLContext): DataLoader<string, ApplicationRole | null> {
  return loader(
    context,
    "applications.viewerRole",
    () =>
      new DataLoader<string, ApplicationRole | null>(async (applicationIds) => {
        const { actor } = context;
        if (actor.kind !== "user") return applicationIds.map(() => null);
        const members = await applicationMembersLoader(context).loadMany(applicationIds);
        return members.map((list) =>
          list instanceof Error
            ? null
            : (list.find((member) => member.user.id === actor.userId)?.role ?? null),
        );
      }),
  );
}

/** Later reads of the same request (a mutation's payload, later mutations) must not see the members as they were. */
export function forgetApplicationMembers(context: GraphQLContext, applicationId: string): void {
  applicationMembersLoader(context).clear(applicationId);
  viewerRoleLoader(context).clear(applicationId);
}

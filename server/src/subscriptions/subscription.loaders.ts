import DataLoader from "dataloader";
import { viewerRoleLoader } from "../applications/application.loaders.js";
import type { ApplicationRole } from "../applications/application.types.js";
import type { RevealedCredential } from "../credentials/credential.types.js";
import { loader, type GraphQLContext } from "../graphql/graphql-context.js";
import type { VisibleSubscription } from "./subscriptions.service.js";
import type { StatusHistoryEntry, Subscription } from "./subscription.types.js";

/**
 * Per-request batch loaders, so a page of applications with their subscriptions, histories and credentials costs
 * one statement per relation, however many applications it holds. The caller's role in each application comes
 * from the applications noun's viewer-role loader (shared with `viewerRole`).
 */

/** The caller's role in each application (null: not a member). */
async function rolesIn(
  context: GraphQLContext,
  applicationIds: readonly string[],
): Promise<(ApplicationRole | null)[]> {
  const roles = await viewerRoleLoader(context).loadMany(applicationIds);
  return roles.map((role) => {
    if (role instanceof Error) throw role;
    return role;
  });
}

/** The subscriptions of an application that the caller may see. */
export function applicationSubscriptionsLoader(
  context: GraphQLContext,
): DataLoader<string, readonly VisibleSubscription[]> {
  return loader(
    context,
    "subscriptions.ofApplication",
    () =>
      new DataLoader<string, readonly VisibleSubscription[]>(async (applicationIds) => {
        const roles = await rolesIn(context, applicationIds);
        return context.services.subscriptions.subscriptions.subscriptionsOfApplications(
          context.actor,
          applicationIds.map((applicationId, index) => ({ applicationId, role: roles[index] ?? null })),
        );
      }),
  );
}

/** Status history of subscriptions the caller already sees. */
export function statusHistoryLoader(
  context: GraphQLContext,
): DataLoader<Subscription, StatusHistoryEntry[], string> {
  return loader(
    context,
    "subscriptions.history",
    () =>
      new DataLoader<Subscription, StatusHistoryEntry[], string>(
        (subscriptions) => context.services.subscriptions.subscriptions.historyOf(subscriptions),
        { cacheKeyFn: (subscription) => subscription.id },
      ),
  );
}

/** Credentials of subscriptions the caller already sees: the list, or null when the caller may not see them. */
export function credentialsLoader(
  context: GraphQLContext,
): DataLoader<Subscription, readonly RevealedCredential[] | null, string> {
  return loader(
    context,
    "subscriptions.credentials",
    () =>
      new DataLoader<Subscription, readonly RevealedCredential[] | null, string>(
        async (subscriptions) => {
          const roles = await rolesIn(
            context,
            subscriptions.map((s) => s.applicationId),
          );
          return context.services.subscriptions.credentials.credentialsOf(
            context.actor,
            subscriptions.map((subscription, index) => ({ subscription, role: roles[index] ?? null })),
          );
        },
        { cacheKeyFn: (subscription) => subscription.id },
      ),
  );
}

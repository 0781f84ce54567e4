import { PortalGraphQLError, type PortalGraphQLClient } from "./portal-graphql-client.js";

/**
 * What a mail or chat message names but an event payload only identifies, read from the portal as the
 * listener's service account. `null` means the portal does not know it (deleted since, or not visible to a service account); the
 * message then shows the id. An unreachable portal throws `PortalUnavailableError`, so the batch comes back.
 */
export interface PortalLookups {
  user(userId: string): Promise<{ readonly name: string; readonly email: string } | null>;
  subscription(subscriptionId: string): Promise<{
    readonly applicationName: string | null;
    readonly apiName: string;
    readonly planName: string;
  } | null>;
  applicationName(applicationId: string): Promise<string | null>;
  apiName(apiId: string): Promise<string | null>;
  listener(listenerId: string): Promise<{ readonly url: string } | null>;
}

/** The GraphQL documents of the lookups (validated against schema/schema.graphql by a test). */
export const portalLookupQueries = {
  userQuery: "query LookupUser($id: ID!) { messageRecipient(userId: $id) { name email } }",
  subscriptionQuery:
    "query LookupSubscription($id: ID!) { subscription(id: $id) { application { name } api { name } plan { name } } }",
  applicationQuery: "query LookupApplication($id: ID!) { application(id: $id) { name } }",
  apiQuery: "query LookupApi($id: ID!) { api(id: $id) { name } }",
  listenerQuery: "query LookupListener($id: ID!) { messageListener(id: $id) { url } }",
} as const;

async function orNull<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof PortalGraphQLError) return null;
    throw error;
  }
}

export function portalLookups(client: PortalGraphQLClient): PortalLookups {
  return {
    async user(userId) {
      const data = await orNull(
        client.request<{ messageRecipient: { name: string; email: string } | null }>(
          portalLookupQueries.userQuery,
          { id: userId },
        ),
      );
      return data?.messageRecipient ?? null;
    },
    async subscription(subscriptionId) {
      const data = await orNull(
        client.request<{
          subscription: {
            application: { name: string } | null;
            api: { name: string };
            plan: { name: string };
          };
        }>(portalLookupQueries.subscriptionQuery, { id: subscriptionId }),
      );
      if (!data) return null;
      const { application, api, plan } = data.subscription;
      return { applicationName: application?.name ?? null, apiName: api.name, planName: plan.name };
    },
    async applicationName(applicationId) {
      const data = await orNull(
        client.request<{ application: { name: string } | null }>(portalLookupQueries.applicationQuery, {
          id: applicationId,
        }),
      );
      return data?.application?.name ?? null;
    },
    async apiName(apiId) {
      const data = await orNull(
        client.request<{ api: { name: string } }>(portalLookupQueries.apiQuery, {
          id: apiId,
        }),
      );
      return data?.api.name ?? null;
    },
    async listener(listenerId) {
      const data = await orNull(
        client.request<{ messageListener: { url: string } | null }>(portalLookupQueries.listenerQuery, {
          id: listenerId,
        }),
      );
      return data?.messageListener ?? null;
    },
  };
}

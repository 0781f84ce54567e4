import { client } from "../client";
import { graphql } from "../gql";
import type { AllApplicationsQuery, SubscriptionStatus } from "../gql/graphql";
import { connectionPage, type ConnectionPage } from "./connection-pages";
import { loaded, type Loaded } from "./result";

export type OverviewApplication = AllApplicationsQuery["applications"]["edges"][number]["node"];

export type ApplicationPage = ConnectionPage<OverviewApplication>;

const AllApplicationsDocument = graphql(`
  query AllApplications($filter: ApplicationFilter, $after: String) {
    applications(all: true, filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          name
          clientType
          createdAt
          members {
            role
            user {
              id
              displayName
            }
          }
          subscriptions {
            id
            status
            statusReason
            api {
              id
              name
            }
            plan {
              id
              name
            }
          }
        }
      }
    }
  }
`);

/**
 * Every application (administrators), newest first; `search` matches a part of the id or name, `status` keeps those
 * with at least one subscription in that status.
 */
export async function loadAllApplications(
  filter: { search: string; status: SubscriptionStatus | null },
  after: string | null,
): Promise<Loaded<ApplicationPage>> {
  const variables = { filter: { search: filter.search.trim() || null, subscriptionStatus: filter.status }, after };
  const result = await client
    .query(AllApplicationsDocument, variables, { requestPolicy: "network-only" })
    .toPromise();
  return loaded(result, (data) => connectionPage(data.applications));
}

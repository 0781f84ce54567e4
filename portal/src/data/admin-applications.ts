import { client } from "../client";
import { graphql } from "../gql";
import type { AllApplicationsQuery } from "../gql/graphql";
import { loaded, type Loaded } from "./result";

export type OverviewApplication = AllApplicationsQuery["applications"]["edges"][number]["node"];

export interface ApplicationPage {
  readonly applications: readonly OverviewApplication[];
  readonly totalCount: number;
  readonly nextCursor: string | null;
}

const AllApplicationsDocument = graphql(`
  query AllApplications($search: String, $after: String) {
    applications(all: true, filter: { search: $search }, first: 25, after: $after) {
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

/** Every application (administrators), newest first; `search` matches a part of the id or name. */
export async function loadAllApplications(
  search: string,
  after: string | null,
): Promise<Loaded<ApplicationPage>> {
  const result = await client
    .query(
      AllApplicationsDocument,
      { search: search.trim() || null, after },
      { requestPolicy: "network-only" },
    )
    .toPromise();
  return loaded(result, (data) => ({
    applications: data.applications.edges.map((edge) => edge.node),
    totalCount: data.applications.totalCount,
    nextCursor: data.applications.pageInfo.hasNextPage ? (data.applications.pageInfo.endCursor ?? null) : null,
  }));
}

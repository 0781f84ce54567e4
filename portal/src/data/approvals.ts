import { client } from "../client";
import { graphql } from "../gql";
import type { ApprovalsQuery } from "../gql/graphql";
import { loaded, type Loaded } from "./result";

export type ApprovalRequest = ApprovalsQuery["approvals"]["edges"][number]["node"];

const ApprovalsDocument = graphql(`
  query Approvals {
    approvals(first: 100) {
      totalCount
      edges {
        node {
          requestedAt
          waitingSeconds
          api {
            id
            name
          }
          plan {
            id
            name
          }
          application {
            id
            name
          }
          requester {
            id
            displayName
            email
          }
          subscription {
            id
          }
        }
      }
    }
  }
`);

const ApproveDocument = graphql(`
  mutation ApproveRequest($input: ApproveSubscriptionInput!) {
    approveSubscription(input: $input) {
      subscription {
        id
        status
      }
    }
  }
`);

const DeclineDocument = graphql(`
  mutation DeclineRequest($input: DeclineSubscriptionInput!) {
    declineSubscription(input: $input) {
      subscription {
        id
        status
      }
    }
  }
`);

/** Every change of the approval queue the viewer decides on (the page reloads the queue on each). */
export const ApprovalQueueChangedDocument = graphql(`
  subscription ApprovalQueueChanged {
    approvalQueueChanged {
      subscriptionId
      change
    }
  }
`);

/** The requests waiting for the viewer, oldest first, with how many there are in all. */
export async function loadApprovals(): Promise<
  Loaded<{ requests: readonly ApprovalRequest[]; totalCount: number }>
> {
  const result = await client.query(ApprovalsDocument, {}, { requestPolicy: "network-only" }).toPromise();
  return loaded(result, (data) => ({
    requests: data.approvals.edges.map((edge) => edge.node),
    totalCount: data.approvals.totalCount,
  }));
}

export async function approveRequest(subscriptionId: string): Promise<Loaded<true>> {
  const result = await client.mutation(ApproveDocument, { input: { subscriptionId } }).toPromise();
  return loaded(result, () => true as const);
}

export async function declineRequest(subscriptionId: string, reason: string): Promise<Loaded<true>> {
  const result = await client.mutation(DeclineDocument, { input: { subscriptionId, reason } }).toPromise();
  return loaded(result, () => true as const);
}

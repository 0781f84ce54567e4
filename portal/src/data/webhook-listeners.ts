import { client } from "../client";
import { graphql } from "../gql";
import type { WebhookDeadLettersQuery, WebhookListenersQuery } from "../gql/graphql";
import { loaded, type Loaded } from "./result";

export type ListenerStatus = WebhookListenersQuery["webhookListeners"][number];
type DeadLetterNode = WebhookDeadLettersQuery["webhookListener"]["deadLetters"]["edges"][number]["node"];
/** A dead letter, with its sequence as a number (the `SafeInt` scalar). */
export type DeadLetter = Omit<DeadLetterNode, "sequence"> & { readonly sequence: number };

const WebhookListenersDocument = graphql(`
  query WebhookListeners {
    webhookListeners {
      id
      url
      events
      owner {
        kind
        id
      }
      position
      backlog
      lagSeconds
      failing
      consecutiveFailures
      deadLetterCount
      lastDelivery {
        at
        statusCode
      }
      lastAttempt {
        at
        statusCode
        error
      }
      lease {
        holder
        expiresAt
      }
      deliveryLatency {
        samples
        p50Ms
        p99Ms
      }
    }
  }
`);

const WebhookDeadLettersDocument = graphql(`
  query WebhookDeadLetters($id: ID!) {
    webhookListener(id: $id) {
      id
      deadLetters(first: 100) {
        totalCount
        edges {
          node {
            sequence
            attempts
            reason
            deadLetteredAt
            redeliveryPending
            event {
              name
              occurredAt
            }
          }
        }
      }
    }
  }
`);

const RedeliverDeadLettersDocument = graphql(`
  mutation RedeliverDeadLetters($input: RedeliverWebhookDeadLettersInput!) {
    redeliverWebhookDeadLetters(input: $input) {
      redelivering
    }
  }
`);

const ReplayListenerDocument = graphql(`
  mutation ReplayListener($input: ReplayWebhookListenerInput!) {
    replayWebhookListener(input: $input) {
      backlog
      position
    }
  }
`);

export async function loadListeners(): Promise<Loaded<readonly ListenerStatus[]>> {
  const result = await client
    .query(WebhookListenersDocument, {}, { requestPolicy: "network-only" })
    .toPromise();
  return loaded(result, (data) => data.webhookListeners);
}

/** The listener's oldest dead letters (up to 100). */
export async function loadDeadLetters(listenerId: string): Promise<Loaded<readonly DeadLetter[]>> {
  const result = await client
    .query(WebhookDeadLettersDocument, { id: listenerId }, { requestPolicy: "network-only" })
    .toPromise();
  return loaded(result, (data) =>
    data.webhookListener.deadLetters.edges.map((edge) => ({ ...edge.node, sequence: Number(edge.node.sequence) })),
  );
}

/** Makes these dead letters (or all of them) pending again; answers how many will be delivered again. */
export async function redeliverDeadLetters(
  listenerId: string,
  sequences?: readonly number[],
): Promise<Loaded<number>> {
  const input = { listenerId, ...(sequences ? { sequences: [...sequences] } : {}) };
  const result = await client.mutation(RedeliverDeadLettersDocument, { input }).toPromise();
  return loaded(result, (data) => data.redeliverWebhookDeadLetters.redelivering);
}

/** Delivers again every event at or after `since`; answers the new backlog. */
export async function replayListener(listenerId: string, since: Date): Promise<Loaded<number>> {
  const result = await client
    .mutation(ReplayListenerDocument, { input: { listenerId, since: since.toISOString() } })
    .toPromise();
  return loaded(result, (data) => data.replayWebhookListener.backlog);
}

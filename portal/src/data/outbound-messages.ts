import { client } from "../client";
import { graphql } from "../gql";
import type { OutboundChannel, OutboundMessageStatus, OutboundMessagesQuery } from "../gql/graphql";
import { connectionPage, type ConnectionPage } from "./connection-pages";
import { loaded, type Loaded } from "./result";

export type OutboundMessage = OutboundMessagesQuery["outboundMessages"]["edges"][number]["node"];

export type OutboundMessagePage = ConnectionPage<OutboundMessage>;

const OutboundMessagesDocument = graphql(`
  query OutboundMessages($filter: OutboundMessageFilterInput, $after: String) {
    outboundMessages(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          channel
          status
          recipient
          subject
          template
          eventName
          attempts
          error
          updatedAt
        }
      }
    }
  }
`);

/** Mail and chat messages the built-in listeners sent or gave up on, newest change first (administrators). */
export async function loadOutboundMessages(
  filter: { channel: OutboundChannel | null; status: OutboundMessageStatus | null },
  after: string | null,
): Promise<Loaded<OutboundMessagePage>> {
  const result = await client
    .query(OutboundMessagesDocument, { filter, after }, { requestPolicy: "network-only" })
    .toPromise();
  return loaded(result, (data) => connectionPage(data.outboundMessages));
}

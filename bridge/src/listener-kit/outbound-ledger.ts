import type { PortalGraphQLClient } from "./portal-graphql-client.js";

export type OutboundChannel = "MAIL" | "CHAT";

export interface OutboundLedgerEntry {
  readonly eventSequence: number;
  readonly eventName: string;
  /** Who it went to: a mail address (lower-case) or a chat target id. */
  readonly recipient: string;
  readonly template: string;
  /** The subject or headline, unescaped. */
  readonly subject: string;
  readonly status: "SENT" | "FAILED";
  readonly error: string | null;
  readonly attempts: number;
}

/**
 * The portal's outbound-message ledger for one channel: one entry per event and recipient, SENT or FAILED. What is
 * recorded is never sent again, so a batch the bridge delivers twice sends nothing twice; FAILED entries are what
 * administrators see of messages that could not be delivered (`outboundMessages(filter: { status: FAILED })`).
 */
export interface OutboundLedger {
  /** {@link outboundLedgerKey} of every recorded message about these events. */
  recorded(eventSequences: readonly number[]): Promise<ReadonlySet<string>>;
  record(entry: OutboundLedgerEntry): Promise<void>;
}

export const outboundLedgerKey = (eventSequence: number, recipient: string) =>
  `${eventSequence}:${recipient}`;

/** The GraphQL documents of the ledger (validated against schema/schema.graphql by a test). */
export const outboundLedgerQueries = {
  recorded: `query OutboundLedger($channel: OutboundChannel!, $sequences: [SafeInt!]!) {
    outboundMessagesOfEvents(channel: $channel, eventSequences: $sequences) { eventSequence recipient }
  }`,
  record: `mutation RecordOutboundMessage($input: RecordOutboundMessageInput!) {
    recordOutboundMessage(input: $input) { created }
  }`,
} as const;

/** At most this many sequences per question (the portal's limit). */
const SEQUENCES_PER_QUERY = 500;

export function portalOutboundLedger(client: PortalGraphQLClient, channel: OutboundChannel): OutboundLedger {
  return {
    async recorded(eventSequences) {
      const keys = new Set<string>();
      for (let start = 0; start < eventSequences.length; start += SEQUENCES_PER_QUERY) {
        const data = await client.request<{
          outboundMessagesOfEvents: { eventSequence: number; recipient: string }[];
        }>(outboundLedgerQueries.recorded, {
          channel,
          sequences: eventSequences.slice(start, start + SEQUENCES_PER_QUERY),
        });
        for (const message of data.outboundMessagesOfEvents)
          keys.add(outboundLedgerKey(message.eventSequence, message.recipient));
      }
      return keys;
    },
    async record(entry) {
      await client.request(outboundLedgerQueries.record, { input: { channel, ...entry } });
    },
  };
}

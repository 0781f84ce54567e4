import type { PortalGraphQLClient } from "../listener-kit/portal-graphql-client.js";

export interface ChatLedgerEntry {
  readonly eventSequence: number;
  readonly eventName: string;
  /** The chat target id. */
  readonly recipient: string;
  readonly template: string;
  /** The message's headline, unescaped. */
  readonly subject: string;
  readonly status: "SENT" | "FAILED";
  readonly error: string | null;
  readonly attempts: number;
}

/**
 * The portal's outbound-message ledger for the CHAT channel: one entry per event and target, SENT or FAILED.
 * What is recorded is never sent again, so a batch the bridge delivers twice gives no duplicate message; FAILED
 * entries are what administrators see of messages that could not be delivered (`outboundMessages` query).
 */
export interface ChatLedger {
  /** `sequence:targetId` of every recorded message about these events. */
  recorded(eventSequences: readonly number[]): Promise<ReadonlySet<string>>;
  record(entry: ChatLedgerEntry): Promise<void>;
}

export const ledgerKey = (eventSequence: number, targetId: string) => `${eventSequence}:${targetId}`;

/** The GraphQL documents of the ledger (validated against schema/schema.graphql by a test). */
export const chatLedgerQueries = {
  recorded: `query ChatLedger($sequences: [SafeInt!]!) {
    outboundMessagesOfEvents(channel: CHAT, eventSequences: $sequences) { eventSequence recipient }
  }`,
  record: `mutation RecordChatMessage($input: RecordOutboundMessageInput!) {
    recordOutboundMessage(input: $input) { created }
  }`,
} as const;

/** At most this many sequences per question (the portal's limit). */
const SEQUENCES_PER_QUERY = 500;

export function portalChatLedger(client: PortalGraphQLClient): ChatLedger {
  return {
    async recorded(eventSequences) {
      const keys = new Set<string>();
      for (let start = 0; start < eventSequences.length; start += SEQUENCES_PER_QUERY) {
        const data = await client.request<{
          outboundMessagesOfEvents: { eventSequence: number; recipient: string }[];
        }>(chatLedgerQueries.recorded, {
          sequences: eventSequences.slice(start, start + SEQUENCES_PER_QUERY),
        });
        for (const message of data.outboundMessagesOfEvents)
          keys.add(ledgerKey(message.eventSequence, message.recipient));
      }
      return keys;
    },
    async record(entry) {
      await client.request(chatLedgerQueries.record, { input: { channel: "CHAT", ...entry } });
    },
  };
}

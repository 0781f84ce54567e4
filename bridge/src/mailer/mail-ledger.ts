import type { PortalGraphQLClient } from "../listener-kit/portal-graphql-client.js";

export interface MailLedgerEntry {
  readonly eventSequence: number;
  readonly eventName: string;
  /** The recipient's address, lower-case. */
  readonly recipient: string;
  readonly template: string;
  readonly subject: string;
  readonly status: "SENT" | "FAILED";
  readonly error: string | null;
  readonly attempts: number;
}

/**
 * The portal's outbound-message ledger for the MAIL channel: one entry per event and address. What is recorded is
 * never sent again, so a batch the bridge delivers twice sends no mail twice; FAILED entries are what
 * administrators see of mails that could not be delivered (`outboundMessages(filter: { status: FAILED })`).
 */
export interface MailLedger {
  /** `sequence:address` of every recorded mail about these events. */
  recorded(eventSequences: readonly number[]): Promise<ReadonlySet<string>>;
  record(entry: MailLedgerEntry): Promise<void>;
}

export const mailLedgerKey = (eventSequence: number, address: string) =>
  `${eventSequence}:${address.toLowerCase()}`;

/** At most this many sequences per question (the portal's limit). */
const SEQUENCES_PER_QUERY = 500;

export function portalMailLedger(client: PortalGraphQLClient): MailLedger {
  return {
    async recorded(eventSequences) {
      const keys = new Set<string>();
      for (let start = 0; start < eventSequences.length; start += SEQUENCES_PER_QUERY) {
        const data = await client.request<{
          outboundMessagesOfEvents: { eventSequence: number; recipient: string }[];
        }>(
          `query MailLedger($sequences: [SafeInt!]!) {
            outboundMessagesOfEvents(channel: MAIL, eventSequences: $sequences) { eventSequence recipient }
          }`,
          { sequences: eventSequences.slice(start, start + SEQUENCES_PER_QUERY) },
        );
        for (const message of data.outboundMessagesOfEvents)
          keys.add(mailLedgerKey(message.eventSequence, message.recipient));
      }
      return keys;
    },
    async record(entry) {
      await client.request(
        `mutation RecordMail($input: RecordOutboundMessageInput!) { recordOutboundMessage(input: $input) { created } }`,
        { input: { channel: "MAIL", ...entry } },
      );
    },
  };
}

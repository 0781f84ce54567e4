import type { AuthorizationRows, Expectation } from "../authorization/authorization-matrix.js";
import type { CallerKind } from "../authorization/caller-fixtures.js";

/** Service accounts (read-only ones included) and administrators: what listeners read to render messages. */
const forListeners: Readonly<Record<CallerKind, Expectation>> = {
  anonymous: "UNAUTHENTICATED",
  unverifiedUser: "FORBIDDEN",
  verifiedUser: "FORBIDDEN",
  anotherUser: "FORBIDDEN",
  disabledUser: "UNAUTHENTICATED",
  approver: "FORBIDDEN",
  administrator: "allow",
  serviceAccount: "allow",
  readOnlyToken: "FORBIDDEN",
};

/** Who may use the outbound message ledger and the listeners' rendering context. */
export const authorizationRows: AuthorizationRows = {
  "Query.outboundMessages": {
    document:
      "query { outboundMessages(filter: { channel: MAIL, status: FAILED }) { totalCount edges { node { id status } } } }",
    expect: { ...forListeners, serviceAccount: "FORBIDDEN" },
  },
  "Query.outboundMessagesOfEvents": {
    document:
      "query { outboundMessagesOfEvents(channel: MAIL, eventSequences: [1, 2]) { recipient status } }",
    expect: forListeners,
  },
  "Mutation.recordOutboundMessage": {
    document:
      "mutation ($input: RecordOutboundMessageInput!) { recordOutboundMessage(input: $input) { created outboundMessage { id } } }",
    variables: () => ({
      input: {
        channel: "MAIL",
        eventSequence: 1,
        eventName: "user.verification_requested",
        recipient: "someone@example.com",
        template: "verify-email",
        subject: "Please confirm",
        status: "SENT",
      },
    }),
    expect: {
      ...forListeners,
      administrator: "FORBIDDEN",
      readOnlyToken: "INSUFFICIENT_SCOPE",
    },
  },
  "Query.messagingSettings": {
    document: "query { messagingSettings { portalUrl mailFrom emailTemplates { template locale } } }",
    expect: forListeners,
  },
  "Query.messageRecipient": {
    document: "query ($userId: ID!) { messageRecipient(userId: $userId) { email name locale } }",
    variables: (fixtures) => ({ userId: fixtures.users.verified.id }),
    expect: forListeners,
  },
  "Query.approvalRecipients": {
    document: 'query { approvalRecipients(groupId: "developers") { email } }',
    expect: forListeners,
  },
  "Query.administratorRecipients": {
    document: "query { administratorRecipients { email } }",
    expect: forListeners,
  },
  "Query.messageListener": {
    document: 'query { messageListener(id: "kong-adapter") { url } }',
    expect: forListeners,
  },
};

import type { AuthorizationRows } from "../authorization/authorization-matrix.js";

/**
 * The webhook admin API is for administrators and service accounts (a service account sees its own listeners);
 * the read-only token belongs to a non-administrator. The fixtures have no listener, so allowed callers asking for
 * one get NOT_FOUND, which counts as allowed: the refusals come first.
 */
const adminsAndServiceAccounts = {
  anonymous: "UNAUTHENTICATED",
  unverifiedUser: "FORBIDDEN",
  verifiedUser: "FORBIDDEN",
  anotherUser: "FORBIDDEN",
  disabledUser: "UNAUTHENTICATED",
  approver: "FORBIDDEN",
  administrator: "allow",
  serviceAccount: "allow",
  readOnlyToken: "FORBIDDEN",
} as const;

export const authorizationRows: AuthorizationRows = {
  "Query.webhookListeners": {
    document:
      "query { webhookListeners { id backlog lagSeconds failing deadLetterCount deliveryLatency { samples p99Ms } recentAttempts(limit: 5) { id statusCode } deadLetters(first: 5) { totalCount } } }",
    expect: adminsAndServiceAccounts,
  },
  "Query.webhookListener": {
    document: 'query { webhookListener(id: "kong-adapter") { id backlog consecutiveFailures } }',
    expect: adminsAndServiceAccounts,
  },
  "Mutation.redeliverWebhookDeadLetters": {
    document:
      'mutation { redeliverWebhookDeadLetters(input: { listenerId: "kong-adapter" }) { redelivering listener { id } } }',
    expect: { ...adminsAndServiceAccounts, readOnlyToken: "INSUFFICIENT_SCOPE" },
  },
  "Mutation.replayWebhookListener": {
    document:
      'mutation { replayWebhookListener(input: { listenerId: "kong-adapter", from: 1 }) { position backlog listener { id } } }',
    expect: { ...adminsAndServiceAccounts, readOnlyToken: "INSUFFICIENT_SCOPE" },
  },
};

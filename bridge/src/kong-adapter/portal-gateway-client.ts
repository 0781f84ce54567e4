import type { PortalGraphQLClient } from "../listener-kit/portal-graphql-client.js";
import type { DesiredConfiguration, DesiredConsumer } from "./desired-state.js";

const PAGE_SIZE = 100;
const MAX_REASON_LENGTH = 1000;

const configurationQuery = `query KongAdapterConfiguration {
  gatewayConfiguration {
    configHash
    apis {
      id name deprecated planIds
      upstream { url connectTimeoutMs readTimeoutMs writeTimeoutMs retries }
      routes { paths hosts methods protocols stripPath preserveHost }
      auth { type keyHeaderName hideCredentials oauth2Flows scopes tokenTtlSeconds refreshTokenTtlSeconds }
      plugins { name config }
    }
    plans { id name plugins { name config } }
  }
}`;

const consumersQuery = `query KongAdapterConsumers($first: Int!, $after: String, $filter: GatewayConsumerFilterInput) {
  gatewayConsumers(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      subscriptionId applicationId apiId planId status clientType redirectUris
      credentials { id kind apiKey clientId clientSecret expiresAt }
    } }
  }
}`;

const reportMutation = `mutation KongAdapterReceipt($input: ReportProvisioningInput!) {
  reportProvisioning(input: $input) { subscription { id status } }
}`;

export interface ConsumerFilter {
  readonly subscriptionIds?: readonly string[];
  readonly applicationIds?: readonly string[];
}

interface ConsumersAnswer {
  gatewayConsumers: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: DesiredConsumer }[];
  };
}

/** The adapter's side of the portal API: the desired state and the provisioning receipts. */
export class PortalGatewayClient {
  constructor(private readonly graphql: PortalGraphQLClient) {}

  async configuration(): Promise<DesiredConfiguration> {
    const answer = await this.graphql.request<{ gatewayConfiguration: DesiredConfiguration }>(
      configurationQuery,
    );
    return answer.gatewayConfiguration;
  }

  /** Every consumer (or those of the filter), following the pages. */
  async consumers(filter?: ConsumerFilter): Promise<DesiredConsumer[]> {
    const consumers: DesiredConsumer[] = [];
    let after: string | null = null;
    do {
      const answer: ConsumersAnswer = await this.graphql.request<ConsumersAnswer>(consumersQuery, {
        first: PAGE_SIZE,
        after,
        filter: filter ?? null,
      });
      consumers.push(...answer.gatewayConsumers.edges.map((edge) => edge.node));
      const { pageInfo } = answer.gatewayConsumers;
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after !== null);
    return consumers;
  }

  async reportProvisioned(subscriptionId: string): Promise<void> {
    await this.graphql.request(reportMutation, { input: { subscriptionId, status: "PROVISIONED" } });
  }

  async reportFailed(subscriptionId: string, reason: string): Promise<void> {
    const shortened =
      reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason;
    await this.graphql.request(reportMutation, {
      input: { subscriptionId, status: "PROVISIONING_FAILED", reason: shortened },
    });
  }
}

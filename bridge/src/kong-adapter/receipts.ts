import { PortalGraphQLError } from "../listener-kit/portal-graphql-client.js";
import { forEachLimited } from "./bounded-concurrency.js";
import type { FailedOperation } from "./kong-apply.js";
import type { DesiredConsumer } from "./desired-state.js";
import type { KongNaming } from "./kong-naming.js";
import type { PortalGatewayClient } from "./portal-gateway-client.js";

export interface ReceiptCounts {
  provisioned: number;
  failed: number;
}

/**
 * The outcome of each consumer: failed (with Kong's message) when one of its objects, or of its API's service,
 * failed for a reason Kong gave (a 4xx); pending (no receipt, the event comes back) when Kong or the network
 * failed; otherwise live.
 */
export function consumerOutcomes(
  consumers: readonly DesiredConsumer[],
  failures: readonly FailedOperation[],
  naming: KongNaming,
): Map<string, { readonly outcome: "live" | "pending" | "failed"; readonly reason?: string }> {
  const byUsername = new Map(consumers.map((c) => [naming.consumer(c.applicationId, c.apiId), c]));
  const bySubscription = new Map<string, FailedOperation[]>();
  const byApi = new Map<string, FailedOperation[]>();
  const add = (map: Map<string, FailedOperation[]>, key: string, failure: FailedOperation) =>
    map.set(key, [...(map.get(key) ?? []), failure]);
  for (const failure of failures) {
    const { object } = failure.operation;
    const username = object.kind === "consumer" ? object.key : (object.refs.consumer ?? null);
    const subscriptionId =
      object.owner.subscriptionId ?? (username ? byUsername.get(username)?.subscriptionId : undefined);
    if (subscriptionId) add(bySubscription, subscriptionId, failure);
    else if (object.owner.apiId) add(byApi, object.owner.apiId, failure);
  }
  const outcomes = new Map<string, { outcome: "live" | "pending" | "failed"; reason?: string }>();
  for (const consumer of consumers) {
    const own = [
      ...(bySubscription.get(consumer.subscriptionId) ?? []),
      ...(byApi.get(consumer.apiId) ?? []),
    ];
    if (own.some((failure) => failure.retryable))
      outcomes.set(consumer.subscriptionId, { outcome: "pending" });
    else if (own.length > 0)
      outcomes.set(consumer.subscriptionId, {
        outcome: "failed",
        reason: `Kong refused the configuration: ${own
          .filter((f) => !f.skipped)
          .map((f) => f.message)
          .join("; ")}`,
      });
    else outcomes.set(consumer.subscriptionId, { outcome: "live" });
  }
  return outcomes;
}

/**
 * Reports each consumer's outcome to the portal: PROVISIONED for live consumers not yet marked so,
 * PROVISIONING_FAILED with Kong's message for failed ones. Throws when the portal cannot be reached.
 */
export async function sendReceipts(
  portal: PortalGatewayClient,
  consumers: readonly DesiredConsumer[],
  outcomes: ReturnType<typeof consumerOutcomes>,
  concurrency: number,
): Promise<ReceiptCounts> {
  const counts: ReceiptCounts = { provisioned: 0, failed: 0 };
  const errors: unknown[] = [];
  await forEachLimited(consumers, concurrency, async (consumer) => {
    const result = outcomes.get(consumer.subscriptionId);
    try {
      if (result?.outcome === "live" && consumer.status !== "PROVISIONED") {
        await portal.reportProvisioned(consumer.subscriptionId);
        counts.provisioned++;
      } else if (result?.outcome === "failed" && result.reason) {
        await portal.reportFailed(consumer.subscriptionId, result.reason);
        counts.failed++;
      }
    } catch (error) {
      // Unsubscribed or sent back to approval meanwhile: its next event reconciles it again.
      if (error instanceof PortalGraphQLError && ["NOT_FOUND", "CONFLICT"].includes(error.code)) return;
      errors.push(error);
    }
  });
  if (errors.length > 0) throw errors[0];
  return counts;
}

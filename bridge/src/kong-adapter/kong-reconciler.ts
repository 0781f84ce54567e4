import type { Logger } from "pino";
import { applyOperations, KongIds, type ApplyResult } from "./kong-apply.js";
import type { KongAdminClient } from "./kong-admin-client.js";
import { diffKongState, summarize, type KongOperation } from "./kong-diff.js";
import { mapConsumers, mapDesiredState } from "./kong-mapping.js";
import type { KongNaming } from "./kong-naming.js";
import type { ActualKongObject, KongObject } from "./kong-objects.js";
import { readConsumers, readOwnedState } from "./kong-state-reader.js";
import type { DesiredConfiguration, DesiredConsumer } from "./desired-state.js";
import { DriftTracker, objectIdentity } from "./drift-tracker.js";
import type { PortalGatewayClient } from "./portal-gateway-client.js";
import { consumerOutcomes, sendReceipts, type ReceiptCounts } from "./receipts.js";
import { applyDeclarative } from "./declarative-config.js";

export interface ReconcileReport {
  readonly kind: "full" | "incremental";
  readonly dryRun: boolean;
  readonly operations: readonly KongOperation[];
  readonly summary: Readonly<Record<KongOperation["action"], number>>;
  readonly failed: readonly { readonly message: string; readonly retryable: boolean }[];
  /** Operations that repaired changes made in Kong outside the portal. */
  readonly drift: number;
  /** Admin API calls of this reconcile. */
  readonly reads: number;
  readonly writes: number;
  readonly consumers: number;
  readonly receipts: ReceiptCounts;
  readonly durationMs: number;
}

/** Which consumers an incremental reconcile looks at. */
export interface ReconcileScope {
  readonly subscriptionIds: readonly string[];
  readonly applicationIds: readonly string[];
  /** Kong usernames named by the events (a deleted subscription is no longer in the portal). */
  readonly usernames: readonly string[];
}

export interface KongReconcilerDeps {
  readonly kong: KongAdminClient;
  readonly portal: PortalGatewayClient;
  readonly naming: KongNaming;
  readonly concurrency: number;
  readonly dbless: boolean;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** Above this many consumers an incremental reconcile becomes a full one (cheaper than per-consumer reads). */
  readonly incrementalLimit?: number;
}

const FILTER_CHUNK = 1000;

/**
 * Brings Kong in line with the portal: a full reconcile reads everything under our tags and the whole desired
 * state; an incremental one only the consumers an event names. One reconcile runs at a time.
 */
export class KongReconciler {
  private readonly drift = new DriftTracker();
  private configuration: DesiredConfiguration | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Ids of our services from the last full reconcile, so an incremental one does not look them up for every
   * consumer-scoped plugin (forgotten after any failure; a vanished parent is retried, see `kong-apply.ts`).
   */
  private serviceIds: [string, string][] = [];
  /** Per subscription, when its earliest rotated credential expires (the old key must go then). */
  private readonly expiries = new Map<string, number>();

  constructor(private readonly deps: KongReconcilerDeps) {}

  full(options: { readonly dryRun?: boolean } = {}): Promise<ReconcileReport> {
    return this.serialized(() => this.runFull(options.dryRun ?? false));
  }

  incremental(scope: ReconcileScope): Promise<ReconcileReport> {
    return this.serialized(() => this.runIncremental(scope));
  }

  /** Resolves when the running reconcile (if any) is over. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runFull(dryRun: boolean): Promise<ReconcileReport> {
    const started = this.start();
    const configuration = await this.deps.portal.configuration();
    this.configuration = configuration;
    const consumers = await this.deps.portal.consumers();
    const desired = mapDesiredState(configuration, consumers, this.deps.naming, this.deps.clock());
    this.noteExpiries(consumers, { full: true });
    if (this.deps.dbless) return this.runDeclarative(started, desired, consumers, dryRun);
    const actual = await readOwnedState(this.deps.kong, this.deps.naming);
    return this.applyAndReport("full", started, { desired, actual, consumers, dryRun });
  }

  private async runIncremental(scope: ReconcileScope): Promise<ReconcileReport> {
    const limit = this.deps.incrementalLimit ?? 500;
    if (this.deps.dbless || this.configuration === null) return this.runFull(false);
    const started = this.start();
    const consumers = await this.consumersOf(scope);
    if (consumers.some((consumer) => !this.configuration?.apis.some((api) => api.id === consumer.apiId))) {
      this.configuration = await this.deps.portal.configuration();
    }
    const usernames = new Set([
      ...scope.usernames,
      ...consumers.map((c) => this.deps.naming.consumer(c.applicationId, c.apiId)),
    ]);
    if (usernames.size > limit) return this.runFull(false);
    const desired = mapConsumers(this.configuration, consumers, this.deps.naming, this.deps.clock());
    this.noteExpiries(consumers, { full: false });
    for (const subscriptionId of scope.subscriptionIds) {
      if (!consumers.some((c) => c.subscriptionId === subscriptionId)) this.expiries.delete(subscriptionId);
    }
    const actual = await readConsumers(this.deps.kong, this.deps.naming, [...usernames]);
    return this.applyAndReport("incremental", started, { desired, actual, consumers, dryRun: false });
  }

  private async consumersOf(scope: ReconcileScope): Promise<DesiredConsumer[]> {
    const found = new Map<string, DesiredConsumer>();
    const chunks = (ids: readonly string[]) =>
      Array.from({ length: Math.ceil(ids.length / FILTER_CHUNK) }, (_, i) =>
        ids.slice(i * FILTER_CHUNK, (i + 1) * FILTER_CHUNK),
      );
    const queries = [
      ...chunks([...new Set(scope.subscriptionIds)]).map((subscriptionIds) => ({ subscriptionIds })),
      ...chunks([...new Set(scope.applicationIds)]).map((applicationIds) => ({ applicationIds })),
    ];
    for (const list of await Promise.all(queries.map((filter) => this.deps.portal.consumers(filter)))) {
      for (const consumer of list) found.set(consumer.subscriptionId, consumer);
    }
    return [...found.values()];
  }

  private async applyAndReport(
    kind: ReconcileReport["kind"],
    started: { at: number; reads: number; writes: number },
    input: {
      desired: readonly KongObject[];
      actual: readonly ActualKongObject[];
      consumers: readonly DesiredConsumer[];
      dryRun: boolean;
    },
  ): Promise<ReconcileReport> {
    const operations = diffKongState(input.desired, input.actual);
    const drift = this.drift.count(operations);
    if (input.dryRun) {
      return this.report(
        kind,
        true,
        started,
        operations,
        { applied: [], failed: [] },
        drift,
        input.consumers,
        {
          provisioned: 0,
          failed: 0,
        },
      );
    }
    const ids = new KongIds(input.actual);
    for (const [name, id] of this.serviceIds) if (!ids.get("service", name)) ids.set("service", name, id);
    const result = await applyOperations(this.deps.kong, this.deps.naming, operations, {
      concurrency: this.deps.concurrency,
      ids,
    });
    if (result.failed.length > 0) this.serviceIds = [];
    else if (kind === "full") this.serviceIds = ids.entries("service");
    const failedIdentities = new Set(result.failed.map((f) => objectIdentity(f.operation.object)));
    this.drift.remember(
      input.desired,
      failedIdentities,
      result.applied.filter((op) => op.action === "delete").map((op) => op.object),
      { full: kind === "full" },
    );
    const outcomes = consumerOutcomes(input.consumers, result.failed, this.deps.naming);
    const receipts = await sendReceipts(this.deps.portal, input.consumers, outcomes, this.deps.concurrency);
    return this.report(kind, false, started, operations, result, drift, input.consumers, receipts);
  }

  private async runDeclarative(
    started: { at: number; reads: number; writes: number },
    desired: readonly KongObject[],
    consumers: readonly DesiredConsumer[],
    dryRun: boolean,
  ): Promise<ReconcileReport> {
    const result = await applyDeclarative(this.deps.kong, this.deps.naming, desired, { dryRun });
    const failures = result.error
      ? consumers
          .filter((c) => c.status !== "PROVISIONED")
          .map((c) => ({
            operation: {
              action: "create" as const,
              object: {
                kind: "consumer" as const,
                key: "",
                fields: {},
                refs: {},
                owner: { subscriptionId: c.subscriptionId },
              },
            },
            message: result.error!.message,
            retryable: result.error!.retryable,
          }))
      : [];
    const receipts = dryRun
      ? { provisioned: 0, failed: 0 }
      : await sendReceipts(
          this.deps.portal,
          consumers,
          consumerOutcomes(consumers, failures, this.deps.naming),
          this.deps.concurrency,
        );
    return this.report(
      "full",
      dryRun,
      started,
      result.operations,
      { applied: [], failed: failures },
      0,
      consumers,
      receipts,
    );
  }

  private start() {
    return {
      at: performance.now(),
      reads: this.deps.kong.counts.reads,
      writes: this.deps.kong.counts.writes,
    };
  }

  private noteExpiries(consumers: readonly DesiredConsumer[], options: { readonly full: boolean }): void {
    if (options.full) this.expiries.clear();
    const now = this.deps.clock().getTime();
    for (const consumer of consumers) {
      const future = consumer.credentials
        .map((credential) => (credential.expiresAt === null ? NaN : Date.parse(credential.expiresAt)))
        .filter((at) => at > now);
      if (future.length > 0) this.expiries.set(consumer.subscriptionId, Math.min(...future));
      else this.expiries.delete(consumer.subscriptionId);
    }
  }

  /** The next time a rotated credential expires, and the subscriptions whose old credential goes then. */
  nextExpiry(): { readonly at: Date; readonly subscriptionIds: readonly string[] } | null {
    if (this.expiries.size === 0) return null;
    const at = Math.min(...this.expiries.values());
    const subscriptionIds = [...this.expiries].filter(([, when]) => when === at).map(([id]) => id);
    return { at: new Date(at), subscriptionIds };
  }

  private report(
    kind: ReconcileReport["kind"],
    dryRun: boolean,
    started: { at: number; reads: number; writes: number },
    operations: readonly KongOperation[],
    result: ApplyResult,
    drift: number,
    consumers: readonly DesiredConsumer[],
    receipts: ReceiptCounts,
  ): ReconcileReport {
    const report: ReconcileReport = {
      kind,
      dryRun,
      operations,
      summary: summarize(operations),
      failed: result.failed.map((f) => ({ message: f.message, retryable: f.retryable })),
      drift,
      reads: this.deps.kong.counts.reads - started.reads,
      writes: this.deps.kong.counts.writes - started.writes,
      consumers: consumers.length,
      receipts,
      durationMs: Math.round(performance.now() - started.at),
    };
    this.deps.logger.info(
      {
        kind,
        dryRun,
        summary: report.summary,
        failed: report.failed.length,
        drift,
        reads: report.reads,
        writes: report.writes,
        durationMs: report.durationMs,
      },
      "kong reconcile done",
    );
    return report;
  }
}

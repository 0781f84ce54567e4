import { timingSafeEqual, createHash } from "node:crypto";
import type { Logger } from "pino";
import type {
  BuiltInListener,
  ListenerHealth,
  ListenerRequest,
  ListenerResponse,
} from "../listener-kit/built-in-listener.js";
import { PortalGraphQLClient } from "../listener-kit/portal-graphql-client.js";
import type { WebhookEvent } from "../portal-client.js";
import { isEmptyScope, kongAdapterEvents, scopeOfEvents } from "./event-scope.js";
import type { KongAdapterConfig } from "./kong-adapter-config.js";
import { KongAdminClient } from "./kong-admin-client.js";
import { KongAdapterMetrics } from "./kong-metrics.js";
import { KongNaming } from "./kong-naming.js";
import { KongReconciler, type ReconcileReport } from "./kong-reconciler.js";
import { checkKongNode, UnsupportedKongError, type KongNode } from "./kong-version.js";
import { PortalGatewayClient } from "./portal-gateway-client.js";

export interface KongAdapterDeps {
  readonly logger: Logger;
  /** The portal API; by default a client of `config.portalUrl` with `config.token`. */
  readonly graphql?: PortalGraphQLClient;
  readonly clock?: () => Date;
}

/** The Kong adapter as a listener, plus what its CLI and tests use. */
export interface KongAdapterListener extends BuiltInListener {
  readonly reconciler: KongReconciler;
  readonly kong: KongAdminClient;
  /** A full reconcile now (what `POST /resync` runs). */
  resync(): Promise<ReconcileReport>;
  /** The full reconcile's operations without applying them. */
  plan(): Promise<ReconcileReport>;
}

/** Timers longer than this are re-armed later (Node's limit is about 24.8 days). */
const MAX_TIMER_MS = 86_400_000;

/** The statistics `POST /resync` answers with (the operations are summarized, never listed with their secrets). */
export function reportStatistics(report: ReconcileReport) {
  const { operations: _operations, ...statistics } = report;
  return statistics;
}

/**
 * Keeps Kong in line with the portal: a full reconcile at start and on a schedule, an incremental one per batch
 * of events (thrown errors make the bridge deliver the batch again), receipts to the portal, `GET /metrics` and
 * an authenticated `POST /resync`.
 */
export function createKongAdapterListener(
  config: KongAdapterConfig,
  deps: KongAdapterDeps,
): KongAdapterListener {
  const logger = deps.logger.child({ component: "kong-adapter" });
  const naming = new KongNaming(config.installation);
  const kong = new KongAdminClient(config.adminUrl, {
    attempts: config.attempts,
    backoffBaseMs: config.backoffBaseMs,
    backoffMaxMs: config.backoffMaxMs,
    timeoutMs: config.timeoutMs,
  });
  const graphql = deps.graphql ?? new PortalGraphQLClient(config.portalUrl, config.token);
  const reconciler = new KongReconciler({
    kong,
    portal: new PortalGatewayClient(graphql),
    naming,
    concurrency: config.concurrency,
    dbless: config.dbless,
    clock: deps.clock ?? (() => new Date()),
    logger,
  });
  const metrics = new KongAdapterMetrics();
  let node: KongNode | null = null;
  let unsupported: string | null = null;
  let lastError: string | null = null;
  let lastReport: ReconcileReport | null = null;
  let stopped = false;
  let scheduleTimer: NodeJS.Timeout | undefined;
  let expiryTimer: NodeJS.Timeout | undefined;

  async function ensureNode(): Promise<KongNode> {
    if (node) return node;
    try {
      node = await checkKongNode(kong, config.dbless);
      logger.info({ version: node.version, database: node.database }, "kong admin api reachable");
      return node;
    } catch (error) {
      if (error instanceof UnsupportedKongError) unsupported = error.message;
      throw error;
    }
  }

  async function run(
    kind: "full" | "incremental",
    work: () => Promise<ReconcileReport>,
  ): Promise<ReconcileReport> {
    try {
      await ensureNode();
      const report = await work();
      metrics.recordReconcile(report);
      lastReport = report;
      const retryable = report.failed.filter((failure) => failure.retryable);
      lastError = retryable.length > 0 ? retryable[0]!.message : null;
      armExpiryTimer();
      return report;
    } catch (error) {
      metrics.recordFailure(kind);
      lastError = (error as Error).message;
      throw error;
    }
  }

  function full(): Promise<ReconcileReport> {
    return run("full", () => reconciler.full());
  }

  function armExpiryTimer(): void {
    clearTimeout(expiryTimer);
    const next = reconciler.nextExpiry();
    if (!next || stopped) return;
    const delay = Math.min(Math.max(next.at.getTime() - Date.now() + 50, 0), MAX_TIMER_MS);
    expiryTimer = setTimeout(() => {
      void run("incremental", () =>
        reconciler.incremental({ subscriptionIds: next.subscriptionIds, applicationIds: [], usernames: [] }),
      ).catch((error: unknown) =>
        logger.warn({ err: error }, "removing expired credentials failed; the next reconcile retries"),
      );
    }, delay);
    expiryTimer.unref();
  }

  function armSchedule(): void {
    if (config.reconcileIntervalSeconds === 0 || stopped) return;
    scheduleTimer = setTimeout(() => {
      void full()
        .catch((error: unknown) => logger.warn({ err: error }, "scheduled reconcile failed"))
        .finally(armSchedule);
    }, config.reconcileIntervalSeconds * 1000);
    scheduleTimer.unref();
  }

  async function resyncRoute(request: ListenerRequest): Promise<ListenerResponse> {
    if (!config.resyncToken)
      return { status: 404, body: { message: "POST /resync is off (set KONG_ADAPTER_RESYNC_TOKEN)" } };
    const presented = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ""))?.[1] ?? "";
    const digest = (value: string) => createHash("sha256").update(value).digest();
    if (!timingSafeEqual(digest(presented), digest(config.resyncToken))) {
      return {
        status: 401,
        body: { message: "POST /resync needs Authorization: Bearer <KONG_ADAPTER_RESYNC_TOKEN>" },
      };
    }
    try {
      return { status: 200, body: reportStatistics(await full()) };
    } catch (error) {
      return { status: 502, body: { message: `resync failed: ${(error as Error).message}` } };
    }
  }

  return {
    id: "kong-adapter",
    events: kongAdapterEvents,
    reconciler,
    kong,

    async start() {
      try {
        await full();
      } catch (error) {
        if (error instanceof UnsupportedKongError) throw error;
        logger.warn({ err: error }, "the start-up reconcile failed; events and the schedule retry");
      }
      armSchedule();
    },

    async handle(events: readonly WebhookEvent[]) {
      const scope = scopeOfEvents(events, naming);
      if (isEmptyScope(scope)) return;
      const report = await run("incremental", () => reconciler.incremental(scope));
      const retryable = report.failed.filter((failure) => failure.retryable);
      if (retryable.length > 0) {
        throw new Error(
          `Kong failed for ${retryable.length} change(s), the batch comes again: ${retryable[0]!.message}`,
        );
      }
    },

    health(): ListenerHealth {
      const detail = {
        installation: config.installation,
        kong: node?.version ?? null,
        mode: config.dbless ? "db-less" : "database",
        lastReconcile: lastReport ? reportStatistics(lastReport) : null,
        ...(lastError ? { error: lastError } : {}),
      };
      if (unsupported) return { status: "down", detail: { ...detail, error: unsupported } };
      if (lastError || !node) return { status: "degraded", detail };
      return { status: "ok", detail };
    },

    routes: [
      {
        method: "GET",
        path: "/metrics",
        handle: () =>
          Promise.resolve({
            status: 200,
            contentType: "text/plain; version=0.0.4",
            body: metrics.render(kong.counts, node !== null && lastError === null),
          }),
      },
      { method: "POST", path: "/resync", handle: resyncRoute },
    ],

    resync: full,

    async plan() {
      await ensureNode();
      return reconciler.full({ dryRun: true });
    },

    async stop() {
      stopped = true;
      clearTimeout(scheduleTimer);
      clearTimeout(expiryTimer);
      await reconciler
        .full({ dryRun: true })
        .catch(() => undefined)
        .then(() => undefined);
    },
  };
}

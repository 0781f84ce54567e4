import type { Kysely } from "kysely";
import { AccessTokenService } from "../access-tokens/access-token.service.js";
import { createApplicationServices, type ApplicationServices } from "../applications/application-services.js";
import { AuditLogService } from "../audit/audit-log.service.js";
import { CatalogService } from "../catalog/catalog.service.js";
import { ContentService } from "../content/content.service.js";
import type { Logger } from "pino";
import { GatewayService } from "../gateway/gateway.service.js";
import { EventLogService } from "../event-log/event-log.service.js";
import { createLiveEventFeed, type LiveEventFeed } from "../events/live-event-feed.js";
import type { OutboxCommits } from "../events/outbox-commits.js";
import { MessageContextService } from "../outbound-messages/message-context.service.js";
import { OutboundMessageService } from "../outbound-messages/outbound-message.service.js";
import type { Tables } from "../database/tables.js";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";
import type { StaticConfig } from "../static-config/static-config.js";
import {
  createSubscriptionServices,
  type SubscriptionServices,
} from "../subscriptions/subscription-services.js";
import { SystemHealthService } from "../system-health/system-health.service.js";
import { createAccountServices, type AccountServices } from "../users/account-services.js";
import { createWebhookServices, type WebhookServices } from "../webhooks/webhook-services.js";

/** What services are built from; one instance per process. */
export interface ServiceDependencies {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly runtime: RuntimeConfig;
  readonly logger: Logger;
  /** Injected so tests can move time (token expiry, rate-limit windows, retention). */
  readonly clock: () => Date;
  /** Wakes the live event feed after commits (`DatabaseHandle.outboxCommits`); without it, the feed polls. */
  readonly outboxCommits?: OutboxCommits;
}

/**
 * The services the transports (GraphQL, REST facade, CLI) call. Each domain noun adds its service here and in
 * {@link createPortalServices}.
 */
export interface PortalServices {
  /** Committed domain events as they happen, for live GraphQL subscriptions. Started by the composition root. */
  readonly liveEvents: LiveEventFeed;
  /** The durable event log: replay from a sequence, follow live, retention. */
  readonly eventLog: EventLogService;
  /** Webhook listeners of the event log and their delivery (the REST facade under `/webhooks`). */
  readonly webhooks: WebhookServices;
  readonly accessTokens: AccessTokenService;
  readonly auditLog: AuditLogService;
  readonly accounts: AccountServices;
  readonly applications: ApplicationServices;
  /** The API catalog of the static configuration, per viewer. */
  readonly catalog: CatalogService;
  /** Content pages and the site map, per viewer. */
  readonly content: ContentService;
  /** Subscriptions of applications to APIs, their credentials, and the approval queue. */
  readonly subscriptions: SubscriptionServices;
  /** What the API gateway must hold (APIs, plans, consumers), for the gateway adapter. */
  readonly gateway: GatewayService;
  /** The ledger of messages the mailer and the chatbot sent (one per channel, event and recipient). */
  readonly outboundMessages: OutboundMessageService;
  /** Templates, settings and recipients the mailer and the chatbot render messages with. */
  readonly messageContext: MessageContextService;
  /** Database, event log head, webhook listeners and configuration hash, for the admin pages. */
  readonly systemHealth: SystemHealthService;
}

export function createPortalServices(deps: ServiceDependencies): PortalServices {
  const subscriptions = createSubscriptionServices(deps);
  const applications = createApplicationServices(deps, { hooks: [subscriptions.applicationHooks] });
  const catalog = new CatalogService({ config: deps.config });
  const liveEvents = createLiveEventFeed({
    db: deps.db,
    logger: deps.logger,
    ...(deps.outboxCommits ? { commits: deps.outboxCommits } : {}),
  });
  return {
    liveEvents,
    eventLog: new EventLogService({
      db: deps.db,
      live: liveEvents,
      retentionDays: deps.runtime.eventLog.retentionDays,
      clock: deps.clock,
    }),
    webhooks: createWebhookServices(deps),
    accessTokens: new AccessTokenService({ db: deps.db, clock: deps.clock }),
    auditLog: new AuditLogService({
      db: deps.db,
      retentionDays: deps.config.portal.auditLog.retentionDays,
      clock: deps.clock,
    }),
    accounts: createAccountServices(deps, { applicationOwnership: applications.ownership }),
    applications,
    catalog,
    content: new ContentService({ config: deps.config, catalog }),
    subscriptions,
    gateway: new GatewayService({
      db: deps.db,
      config: deps.config,
      clock: deps.clock,
      issuer: subscriptions.issuer,
    }),
    outboundMessages: new OutboundMessageService({ db: deps.db, clock: deps.clock }),
    messageContext: new MessageContextService({ db: deps.db, config: deps.config }),
    systemHealth: new SystemHealthService({
      db: deps.db,
      configHash: () => deps.config.hash,
      clock: deps.clock,
    }),
  };
}

import type { NonEmptyArray } from "type-graphql";
import { AccessTokenResolver } from "../access-tokens/access-token.resolver.js";
import { applicationResolvers } from "../applications/application-resolvers.js";
import { AuditLogResolver } from "../audit/audit-log.resolver.js";
import { CatalogResolver } from "../catalog/catalog.resolver.js";
import { ContentResolver } from "../content/content.resolver.js";
import { GatewayResolver } from "../gateway/gateway.resolver.js";
import { EventLogResolver } from "../event-log/event-log.resolver.js";
import { MessageContextResolver } from "../outbound-messages/message-context.resolver.js";
import { OutboundMessageResolver } from "../outbound-messages/outbound-message.resolver.js";
import { subscriptionResolvers } from "../subscriptions/subscription-resolvers.js";
import { SystemHealthResolver } from "../system-health/system-health.resolver.js";
import { accountResolvers } from "../users/account-resolvers.js";
import { webhookResolvers } from "../webhooks/webhook-listener.resolver.js";
import { SystemResolver } from "./system.resolver.js";

/** Every resolver class of the portal API. A noun's resolver is added here once. */
export const resolvers: NonEmptyArray<new () => object> = [
  SystemResolver,
  SystemHealthResolver,
  AccessTokenResolver,
  AuditLogResolver,
  CatalogResolver,
  ContentResolver,
  EventLogResolver,
  GatewayResolver,
  ...accountResolvers,
  ...applicationResolvers,
  ...subscriptionResolvers,
  OutboundMessageResolver,
  MessageContextResolver,
  ...webhookResolvers,
];

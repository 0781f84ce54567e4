import type { z } from "zod";
import type { EventDefinition } from "./event-definition.js";
import { accessTokenEvents } from "../access-tokens/access-token.events.js";
import { applicationEvents } from "../applications/application.events.js";
import { approvalEvents } from "../approvals/approval.events.js";
import { subscriptionEvents } from "../subscriptions/subscription.events.js";
import { userEvents } from "../users/user.events.js";
import { webhookEvents } from "../webhooks/webhook.events.js";

/** Every domain event the portal emits. A noun's events are added here once. */
export const eventCatalogue = [
  ...userEvents,
  ...accessTokenEvents,
  ...applicationEvents,
  ...subscriptionEvents,
  ...approvalEvents,
  ...webhookEvents,
] as const;

type Catalogue = (typeof eventCatalogue)[number];
export type EventName = Catalogue["name"];
export type EventPayload<N extends EventName> = z.infer<Extract<Catalogue, { name: N }>["payload"]>;

const byName = new Map<string, EventDefinition>(eventCatalogue.map((event) => [event.name, event]));

export function eventDefinition(name: EventName): EventDefinition {
  const definition = byName.get(name);
  if (!definition) throw new Error(`event "${name}" is not in the catalogue`);
  return definition;
}

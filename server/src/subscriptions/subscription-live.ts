import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import { loadApplicationAccess } from "../applications/application-access.js";
import type { ApplicationHooks } from "../applications/application.hooks.js";
import type { Tables } from "../database/tables.js";
import type { LiveEventFeed } from "../events/live-event-feed.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { authorizedLiveStream } from "./authorized-live-stream.js";
import { freshActor } from "./fresh-actor.js";
import { subscriptionPolicy } from "./subscription.policy.js";
import { findSubscriptionById } from "./subscription.repository.js";
import type { Subscription } from "./subscription.types.js";

/** One change of one of an application's subscriptions, as live subscribers receive it. */
export interface SubscriptionStatusChange {
  /** The event, e.g. `subscription.approved`. */
  readonly eventName: string;
  readonly subscriptionId: string;
  readonly applicationId: string;
  readonly occurredAt: string;
  /** The subscription as it is now; null when it was deleted. */
  readonly subscription: Subscription | null;
}

export interface SubscriptionLiveDeps {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly hooks: readonly ApplicationHooks[];
}

/**
 * The changes of an application's subscriptions (created, approved, declined, plan changed, credentials rotated,
 * provisioned, failed, deleted) for its members and administrators. Checked when the stream opens (so transports
 * refuse instead of opening it) and again for every event with the caller read fresh: a member who was removed,
 * or an account that was disabled, receives nothing more.
 */
export async function followSubscriptionChanges(
  deps: SubscriptionLiveDeps,
  feed: LiveEventFeed,
  actor: Actor,
  applicationId: string,
): Promise<AsyncIterableIterator<SubscriptionStatusChange>> {
  const mayFollow = async (caller: Actor): Promise<boolean> => {
    const access = await loadApplicationAccess(deps.db, deps.hooks, caller, applicationId);
    subscriptionPolicy.follow(caller, access, applicationId);
    return true;
  };
  await mayFollow(actor);
  const source = feed.follow(
    (event) => event.name.startsWith("subscription.") && event.subjectIds.applicationId === applicationId,
  );
  return authorizedLiveStream(source, async (event) => {
    const caller = await freshActor(deps.db, deps.config, actor);
    if (!caller) return "end";
    if (!(await mayFollow(caller).catch(() => false))) return undefined;
    const subscriptionId = event.subjectIds.subscriptionId ?? "";
    return {
      eventName: event.name,
      subscriptionId,
      applicationId,
      occurredAt: event.occurredAt,
      subscription: (await findSubscriptionById(deps.db, subscriptionId)) ?? null,
    };
  });
}

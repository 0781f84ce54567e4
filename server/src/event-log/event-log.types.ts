/** Who caused an event, as recorded in the log (never a credential). */
export interface LogEventActor {
  readonly kind: "anonymous" | "user" | "service" | "system";
  /** User id, service account id or `system:<reason>`; null for anonymous callers. */
  readonly id: string | null;
}

/**
 * One entry of the durable event log (the committed outbox): the envelope every listener receives. Its JSON
 * Schema per event name is in `schema/events/`.
 */
export interface LogEvent {
  /** Strictly increasing position in the installation's log; commit order equals sequence order. */
  readonly sequence: number;
  /** `entity.action`, e.g. `subscription.approved`. */
  readonly name: string;
  readonly schemaVersion: number;
  /** ISO-8601 UTC. */
  readonly occurredAt: string;
  readonly actor: LogEventActor;
  /** Ids of what changed, e.g. `{ applicationId, subscriptionId }`. */
  readonly subjectIds: Readonly<Record<string, string>>;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * Which events a reader wants: everything, or exact names and whole entities (`subscription.*`). Built by
 * `parseEventFilter`; an empty filter is never built (it would match nothing).
 */
export type EventFilter =
  | { readonly kind: "all" }
  | { readonly kind: "some"; readonly names: readonly string[]; readonly prefixes: readonly string[] };

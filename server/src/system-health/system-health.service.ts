import { sql, type Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { logHead } from "../event-log/event-log.repository.js";
import { listenerHealth, type ListenerHealth } from "../webhooks/webhook-health.repository.js";
import { systemHealthPolicy } from "./system-health.policy.js";

export interface SystemHealth {
  readonly checkedAt: string;
  readonly database: {
    readonly reachable: boolean;
    readonly latencyMs: number;
    readonly error: string | null;
  };
  /** Null when the database is not reachable. */
  readonly eventLog: {
    readonly headSequence: number;
    readonly headOccurredAt: string | null;
    readonly headAgeSeconds: number | null;
  } | null;
  /** Empty when the database is not reachable. */
  readonly webhookListeners: readonly ListenerHealth[];
  readonly configHash: string;
}

export interface SystemHealthDeps {
  readonly db: Kysely<Tables>;
  readonly configHash: () => string;
  readonly clock: () => Date;
}

/** What the admin pages show about the running system: database, event log head, listeners, configuration. */
export class SystemHealthService {
  constructor(private readonly deps: SystemHealthDeps) {}

  async check(actor: Actor): Promise<SystemHealth> {
    systemHealthPolicy.read(actor);
    const now = this.deps.clock();
    const started = performance.now();
    const base = { checkedAt: now.toISOString(), configHash: this.deps.configHash() };
    try {
      await sql`select 1`.execute(this.deps.db);
    } catch (error) {
      return {
        ...base,
        database: { reachable: false, latencyMs: elapsedSince(started), error: describe(error) },
        eventLog: null,
        webhookListeners: [],
      };
    }
    const latencyMs = elapsedSince(started);
    const [head, listeners] = await Promise.all([logHead(this.deps.db), listenerHealth(this.deps.db, now)]);
    return {
      ...base,
      database: { reachable: true, latencyMs, error: null },
      eventLog: {
        headSequence: head?.sequence ?? 0,
        headOccurredAt: head?.occurredAt ?? null,
        headAgeSeconds: head ? Math.max(0, (now.getTime() - Date.parse(head.occurredAt)) / 1000) : null,
      },
      webhookListeners: listeners,
    };
  }
}

function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

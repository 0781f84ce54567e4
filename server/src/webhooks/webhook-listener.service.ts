import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import { recordAudit } from "../audit/audit.recorder.js";
import type { KeyRingSource } from "../crypto/key-ring-source.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import { eventFilterOf, patternsOf } from "../event-log/event-filter.js";
import { appendEvent } from "../events/outbox.repository.js";
import { listenerParams, registerListenerBody } from "./webhook-api.schemas.js";
import {
  deleteListener,
  findListener,
  insertListener,
  listListeners,
  noDelivery,
  updateListener,
} from "./webhook-listener.repository.js";
import type { WebhookListenerPolicy } from "./webhook-listener.policy.js";
import type { WebhookListener } from "./webhook-listener.types.js";
import { listenerStatus, type ListenerStatus } from "./webhook-listener.view.js";
import { backlogOf } from "./webhook-pending.js";
import { newWebhookSecret, sealWebhookSecret } from "./webhook-secret.js";
import { positionFor } from "./webhook-start-position.js";

export interface WebhookServiceDeps {
  readonly db: Kysely<Tables>;
  readonly clock: () => Date;
  readonly keyRing: KeyRingSource;
  readonly listeners: WebhookListenerPolicy;
}

export interface RegisteredListener {
  readonly listener: ListenerStatus;
  /** The generated secret, only when one was generated now; never shown again. */
  readonly secret: string | null;
  readonly created: boolean;
}

type ListenerChange = "url" | "events" | "secret" | "position";

/** Looks a listener up after the caller was found able to use webhooks at all; unknown ids are NOT_FOUND. */
export async function requireListener(db: Kysely<Tables>, id: unknown): Promise<WebhookListener> {
  const parsed = parseInput(listenerParams, { id });
  const listener = await findListener(db, parsed.id);
  if (!listener) throw DomainError.notFound("Webhook listener", parsed.id);
  return listener;
}

/** Registering, listing, inspecting and deleting webhook listeners (`PUT/GET/DELETE /webhooks/listeners`). */
export class WebhookListenerService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  /**
   * Registers a listener, or updates it when the id exists (only its owner or an administrator may). A new
   * listener without a secret gets a generated one, returned once; `from` sets the position (default `now` for a
   * new listener, unchanged for an existing one).
   */
  async register(actor: Actor, id: unknown, input: unknown): Promise<RegisteredListener> {
    const owner = this.deps.listeners.register(actor);
    const { id: listenerId } = parseInput(listenerParams, { id });
    const body = parseInput(registerListenerBody, input);
    if (body.id !== undefined && body.id !== listenerId) {
      throw DomainError.validation([
        { field: "id", code: "ID_MISMATCH", message: `must equal the id in the path ("${listenerId}")` },
      ]);
    }
    const events = patternsOf(eventFilterOf(body.events));
    const now = this.deps.clock();
    const at = now.toISOString();
    const result = await this.deps.db
      .transaction()
      .execute(async (trx) => {
        const existing = await findListener(trx, listenerId);
        if (!existing) {
          const secret = body.secret ?? newWebhookSecret();
          const sealed = sealWebhookSecret(this.deps.keyRing(), listenerId, secret);
          const position = await positionFor(trx, body.from ?? "now", "from");
          await insertListener(trx, {
            id: listenerId,
            owner_kind: owner.kind,
            owner_id: owner.id,
            url: body.url,
            events: JSON.stringify(events),
            secret_ciphertext: sealed.ciphertext,
            secret_key_id: sealed.keyId,
            position,
            created_at: at,
            updated_at: at,
          });
          await recordAudit(
            trx,
            actor,
            {
              action: "webhook_listener.registered",
              target: { type: "webhook_listener", id: listenerId },
              summary: { url: body.url, events, position, secretGenerated: body.secret === undefined },
            },
            now,
          );
          await appendEvent(
            trx,
            actor,
            "webhook_listener.registered",
            { listenerId, ownerId: owner.id, events, position },
            now,
          );
          return { secret: body.secret === undefined ? secret : null, created: true };
        }
        this.deps.listeners.manage(actor, existing);
        const changed: ListenerChange[] = [];
        if (existing.url !== body.url) changed.push("url");
        if (JSON.stringify(existing.events) !== JSON.stringify(events)) changed.push("events");
        if (body.secret !== undefined) changed.push("secret");
        const position =
          body.from === undefined ? existing.position : await positionFor(trx, body.from, "from");
        if (position !== existing.position) changed.push("position");
        if (changed.length === 0) return { secret: null, created: false };
        const sealed =
          body.secret === undefined ? null : sealWebhookSecret(this.deps.keyRing(), listenerId, body.secret);
        const redelivers = changed.some((c) => c === "url" || c === "events" || c === "position");
        await updateListener(trx, listenerId, {
          url: body.url,
          events: JSON.stringify(events),
          position,
          updated_at: at,
          ...(sealed ? { secret_ciphertext: sealed.ciphertext, secret_key_id: sealed.keyId } : {}),
          ...(redelivers ? noDelivery : {}),
        });
        await recordAudit(
          trx,
          actor,
          {
            action: "webhook_listener.updated",
            target: { type: "webhook_listener", id: listenerId },
            summary: { changed, url: body.url, events, position },
          },
          now,
        );
        await appendEvent(
          trx,
          actor,
          "webhook_listener.updated",
          { listenerId, changed, events, position },
          now,
        );
        return { secret: null, created: false };
      })
      .catch((error: unknown) => {
        if (isDuplicateKey(error)) {
          throw new DomainError(
            ErrorCode.CONFLICT,
            `Webhook listener "${listenerId}" was registered at the same time by another request; try again`,
          );
        }
        throw error;
      });
    return { ...result, listener: await this.statusOf(listenerId) };
  }

  /** The caller's listeners (service accounts) or all of them (administrators, delivery accounts), by id. */
  async list(actor: Actor): Promise<ListenerStatus[]> {
    const owner = this.deps.listeners.listedOwner(actor);
    const listeners = await listListeners(this.deps.db, owner);
    const now = this.deps.clock();
    return Promise.all(
      listeners.map(async (listener) =>
        listenerStatus(listener, await backlogOf(this.deps.db, listener, now)),
      ),
    );
  }

  /** One listener with its backlog, lag, last delivery, failures and dead letters. */
  async get(actor: Actor, id: unknown): Promise<ListenerStatus> {
    this.deps.listeners.mayUseWebhooks(actor);
    const listener = await requireListener(this.deps.db, id);
    this.deps.listeners.read(actor, listener);
    return listenerStatus(listener, await backlogOf(this.deps.db, listener, this.deps.clock()));
  }

  /** Deletes a listener with its pending position, dead letters and attempts. */
  async delete(actor: Actor, id: unknown): Promise<void> {
    this.deps.listeners.mayUseWebhooks(actor);
    const now = this.deps.clock();
    await this.deps.db.transaction().execute(async (trx) => {
      const listener = await requireListener(trx, id);
      this.deps.listeners.manage(actor, listener);
      if (!(await deleteListener(trx, listener.id))) return;
      await recordAudit(
        trx,
        actor,
        {
          action: "webhook_listener.deleted",
          target: { type: "webhook_listener", id: listener.id },
          summary: { url: listener.url, position: listener.position },
        },
        now,
      );
      await appendEvent(trx, actor, "webhook_listener.deleted", { listenerId: listener.id }, now);
    });
  }

  private async statusOf(id: string): Promise<ListenerStatus> {
    const listener = await requireListener(this.deps.db, id);
    return listenerStatus(listener, await backlogOf(this.deps.db, listener, this.deps.clock()));
  }
}

function isDuplicateKey(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  return ["23505", "SQLITE_CONSTRAINT_PRIMARYKEY", "SQLITE_CONSTRAINT_UNIQUE"].includes(String(error.code));
}

import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import { actorId, type Actor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { parseInput } from "../errors/input-validation.js";
import { toPage, type Page, type PageRequest } from "../graphql/connection.js";
import { outboundMessagePolicy } from "./outbound-message.policy.js";
import {
  countOutboundMessages,
  findOutboundMessage,
  findOutboundMessagesOfEvents,
  insertOutboundMessageIfAbsent,
  listOutboundMessages,
  markFailedOutboundMessageSent,
} from "./outbound-message.repository.js";
import {
  outboundChannels,
  outboundStatuses,
  type OutboundChannel,
  type OutboundMessage,
  type OutboundMessageFilter,
  type OutboundMessageOutcome,
  type OutboundMessagePosition,
} from "./outbound-message.types.js";

/** At most this many events per "were they sent?" question (a bridge batch is smaller). */
export const MAX_EVENTS_PER_QUESTION = 500;

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

const outcomeSchema = z.object({
  channel: z.enum(outboundChannels),
  eventSequence: z.number().int().positive("must be an event sequence (1 or more)"),
  eventName: text(200),
  recipient: text(320),
  template: text(100),
  subject: z.string().max(1000, "must be at most 1000 characters"),
  status: z.enum(outboundStatuses),
  error: z.string().max(4000, "must be at most 4000 characters").nullish(),
  attempts: z.number().int().min(1, "must be at least 1").max(1000, "must be at most 1000").nullish(),
});

const eventsSchema = z.object({
  channel: z.enum(outboundChannels),
  eventSequences: z
    .array(z.number().int().positive("must be an event sequence (1 or more)"))
    .max(MAX_EVENTS_PER_QUESTION, `must list at most ${MAX_EVENTS_PER_QUESTION} events`),
});

const filterSchema = z.object({
  channel: z.enum(outboundChannels).nullish(),
  status: z.enum(outboundStatuses).nullish(),
});

export interface OutboundMessageServiceDeps {
  readonly db: Kysely<Tables>;
  readonly clock: () => Date;
}

/** The ledger of messages the mailer and the chatbot sent, so each goes out once per event and recipient. */
export class OutboundMessageService {
  constructor(private readonly deps: OutboundMessageServiceDeps) {}

  /**
   * Records what happened to a message. Idempotent on (channel, event, recipient): the first outcome is kept and
   * returned (`created: false`), except that a `failed` message later sent after all (its event re-delivered from
   * the dead letters) becomes `sent`. An error text is stored only for failures.
   */
  async record(
    actor: Actor,
    input: OutboundMessageOutcome,
  ): Promise<{ outboundMessage: OutboundMessage; created: boolean }> {
    const recorder = outboundMessagePolicy.record(actor);
    const outcome = parseInput(outcomeSchema, input);
    if (outcome.status === "failed" && !outcome.error?.trim()) {
      throw DomainError.validation([
        { field: "error", code: "REQUIRED", message: "must say why the message failed" },
      ]);
    }
    const now = this.deps.clock().toISOString();
    const recordedBy = actorId(recorder) ?? "unknown";
    const attempts = outcome.attempts ?? 1;
    const key = {
      channel: outcome.channel,
      eventSequence: outcome.eventSequence,
      recipient: outcome.recipient,
    };
    return this.deps.db.transaction().execute(async (trx) => {
      const created = await insertOutboundMessageIfAbsent(trx, {
        id: `obm_${randomUUID()}`,
        ...key,
        eventName: outcome.eventName,
        template: outcome.template,
        subject: outcome.subject,
        status: outcome.status,
        error: outcome.status === "failed" ? (outcome.error ?? null) : null,
        attempts,
        recordedBy,
        createdAt: now,
        updatedAt: now,
      });
      if (!created && outcome.status === "sent") {
        await markFailedOutboundMessageSent(trx, key, {
          subject: outcome.subject,
          attempts,
          recordedBy,
          now,
        });
      }
      const stored = await findOutboundMessage(trx, key);
      if (!stored) throw new Error("The outbound message just recorded is missing");
      return { outboundMessage: stored, created };
    });
  }

  /** The recorded messages of the channel about these events, so a listener skips what already went out. */
  async ofEvents(
    actor: Actor,
    input: { readonly channel: OutboundChannel; readonly eventSequences: readonly number[] },
  ): Promise<OutboundMessage[]> {
    outboundMessagePolicy.readForListener(actor);
    const parsed = parseInput(eventsSchema, input);
    return findOutboundMessagesOfEvents(this.deps.db, parsed.channel, [...new Set(parsed.eventSequences)]);
  }

  /** A page of messages, newest change first (updated_at desc, id desc). Administrators only. */
  async list(
    actor: Actor,
    filter: OutboundMessageFilter | null | undefined,
    page: PageRequest,
  ): Promise<Page<OutboundMessage>> {
    outboundMessagePolicy.list(actor);
    const parsed = parseInput(filterSchema, filter ?? {});
    const query = { channel: parsed.channel ?? null, status: parsed.status ?? null };
    const after = positionOf(page.after);
    const [rows, totalCount] = await Promise.all([
      listOutboundMessages(this.deps.db, query, after, page.first + 1),
      countOutboundMessages(this.deps.db, query),
    ]);
    return toPage(rows, page, totalCount, (message) => [message.updatedAt, message.id]);
  }
}

function positionOf(after: PageRequest["after"]): OutboundMessagePosition | null {
  if (after === null) return null;
  const [at, id] = after;
  if (after.length === 2 && typeof at === "string" && typeof id === "string") return [at, id];
  throw DomainError.validation([
    { field: "after", code: "INVALID_CURSOR", message: "is not a cursor of the outbound messages" },
  ]);
}

import { z } from "zod";
import { eventPatternsSchema } from "../event-log/event-filter.js";
import { webhookSecretSchema } from "./webhook-secret.js";

/**
 * The contract of the webhook REST facade, in one place: the handlers and services parse requests with these
 * schemas, and `webhook-openapi.ts` generates `schema/openapi/webhooks.json` from them (drift-checked by a test).
 */

const listenerId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
    "must be 1–64 letters, digits, dashes or underscores, starting with a letter or digit",
  )
  .describe("Listener id, chosen by the registrant (e.g. `kong-adapter`).");

const positiveIntegerText = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, "must be a positive whole number")
  .transform(Number);

const limitText = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]*$/, "must be a positive whole number")
    .transform(Number)
    .pipe(z.number().max(max, `must be at most ${max}`))
    .optional()
    .transform((value) => value ?? fallback)
    .describe(`How many to return (1–${max}, default ${fallback}).`);

const sequence = z.number().int("must be a whole number").min(1, "must be a sequence number (1 or more)");
const holder = z
  .string()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .describe("Identifies the bridge replica (e.g. host and process id); the same value renews and releases.");

function urlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute http or https URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must use http or https";
  if (url.username !== "" || url.password !== "") return "must not contain a user name or password";
  if (url.hash !== "") return "must not contain a fragment (#…)";
  return null;
}

export const webhookUrlSchema = z
  .string()
  .max(2000, "must be at most 2000 characters")
  .superRefine((value, context) => {
    const problem = urlProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem, params: { code: "INVALID_URL" } });
  })
  .describe("Where the bridge POSTs batches, e.g. `http://portal-kong-adapter:3002/`.");

export const startPositionSchema = z
  .union([z.literal("now"), z.literal("earliest"), sequence])
  .describe(
    "Where delivery starts: `now` (only new events; the default for a new listener), `earliest` (every event still in the log) or a sequence number (that event and later ones).",
  );

// ---- requests ----

export const listenerParams = z.object({ id: listenerId });
export const eventParams = z.object({
  id: listenerId,
  eventId: positiveIntegerText.describe("Sequence number of the event (its `id`)."),
});
export const attemptParams = z.object({
  id: listenerId,
  attemptId: z.string().min(1).max(100).describe("Id of the attempt, from the claimed delivery."),
});
export const deliveryParams = z.object({
  id: listenerId,
  deliveryId: z.string().min(1).max(100).describe("Id of the delivery (its `webhook-id`)."),
});

export const pendingQuery = z.object({ limit: limitText(1000, 100) }).strict();
export const attemptsQuery = z.object({ limit: limitText(500, 50) }).strict();
export const deadLettersQuery = z
  .object({
    limit: limitText(500, 100),
    after: positiveIntegerText.optional().describe("Only dead letters after this sequence (paging)."),
  })
  .strict();
export const leaseReleaseQuery = z.object({ holder }).strict();

export const registerListenerBody = z
  .object({
    id: z.string().optional().describe("Optional; when given it must equal the id in the path."),
    url: webhookUrlSchema,
    events: eventPatternsSchema
      .optional()
      .describe(
        "Event names (`subscription.approved`), whole entities (`subscription.*`) or `*`; absent or empty: every event.",
      ),
    secret: webhookSecretSchema
      .optional()
      .describe(
        "Signing secret `whsec_<base64 of 24–64 bytes>` (Standard Webhooks). Generated when a new listener has none; returned once.",
      ),
    from: startPositionSchema.optional(),
  })
  .strict();

export const replayBody = z
  .object({
    from: sequence.optional().describe("Deliver again from this sequence on."),
    since: z.iso
      .datetime({ offset: true, message: "must be an ISO-8601 date-time" })
      .optional()
      .describe("Deliver again every event that happened at or after this time."),
  })
  .strict()
  .refine((body) => (body.from === undefined) !== (body.since === undefined), {
    message: "give exactly one of from and since",
    path: ["from"],
  });

export const redeliverBody = z
  .object({
    sequences: z
      .array(sequence)
      .max(1000, "must hold at most 1000 sequences")
      .optional()
      .describe("Which dead letters to deliver again; absent: all of them."),
  })
  .strict();

export const leaseBody = z
  .object({
    holder,
    ttlSeconds: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(300, "must be at most 300")
      .optional()
      .describe("How long the lease lasts unless renewed (default 30)."),
  })
  .strict();

export const claimBody = z
  .object({
    holder,
    limit: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(1000, "must be at most 1000")
      .optional()
      .describe("Most events in a new delivery (default 100)."),
  })
  .strict();

export const attemptResultBody = z
  .object({
    holder,
    statusCode: z
      .number()
      .int()
      .min(100)
      .max(599)
      .nullable()
      .describe("The listener's HTTP status; null when it did not answer (connection error, timeout)."),
    error: z.string().max(1000, "must be at most 1000 characters").nullable().describe("What went wrong."),
    durationMs: z.number().int().min(0).describe("How long the attempt took."),
  })
  .strict();

export const deadLetterBody = z
  .object({
    holder,
    reason: z
      .string()
      .min(1, "must not be empty")
      .max(1000, "must be at most 1000 characters")
      .describe("Why the delivery is given up, e.g. `HTTP 500 after 8 attempts`."),
  })
  .strict();

// ---- responses ----

const isoTime = z.string().describe("ISO-8601 date-time in UTC.");

export const webhookEventSchema = z
  .object({
    id: z
      .string()
      .describe("The sequence number as text; acknowledge with `DELETE /webhooks/events/{id}/{eventId}`."),
    sequence: z.number().int().describe("Strictly increasing position in the event log."),
    name: z.string().describe("`entity.action`; see `schema/events/`."),
    schemaVersion: z.number().int(),
    occurredAt: isoTime,
    actor: z.object({
      kind: z.enum(["anonymous", "user", "service", "system"]),
      id: z.string().nullable(),
    }),
    subjectIds: z.record(z.string(), z.string()),
    payload: z.record(z.string(), z.unknown()),
  })
  .describe("One event of the log, as pushed by the bridge (a JSON array of these) and listed as pending.");

export const listenerSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()).describe("The filter; empty means every event."),
  owner: z.object({ kind: z.enum(["service", "user", "system"]), id: z.string() }),
  position: z.number().int().describe("Sequence acknowledged up to."),
  backlog: z.number().int().describe("Pending events (including dead letters being delivered again)."),
  lagSeconds: z.number().describe("Age of the oldest pending event; 0 when nothing is pending."),
  lastDelivery: z
    .object({ at: isoTime, statusCode: z.number().int().nullable() })
    .nullable()
    .describe("The last successful (2xx) delivery."),
  lastAttempt: z
    .object({ at: isoTime, statusCode: z.number().int().nullable(), error: z.string().nullable() })
    .nullable(),
  consecutiveFailures: z.number().int(),
  deadLetters: z.number().int().describe("How many dead letters the listener has."),
  lease: z.object({ holder: z.string(), expiresAt: isoTime }).nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const registeredResponse = z.object({
  listener: listenerSchema,
  secret: z
    .string()
    .nullable()
    .describe("The generated signing secret, only when one was generated; it is never shown again."),
});
export const listenersResponse = z.object({ listeners: z.array(listenerSchema) });
export const pendingResponse = z.array(webhookEventSchema);
export const acknowledgedResponse = z.object({
  position: z.number().int(),
  acknowledged: z.number().int().describe("How many pending events this acknowledged."),
});
export const replayResponse = z.object({ position: z.number().int(), backlog: z.number().int() });

export const deadLetterSchema = z.object({
  sequence: z.number().int(),
  event: webhookEventSchema,
  deliveryId: z.string(),
  attempts: z.number().int(),
  reason: z.string(),
  deadLetteredAt: isoTime,
  redeliveryPending: z.boolean().describe("True while a re-delivery was requested and not yet acknowledged."),
});
export const deadLettersResponse = z.object({
  deadLetters: z.array(deadLetterSchema),
  nextAfter: z
    .number()
    .int()
    .nullable()
    .describe("Pass as `after` for the next page; null on the last page."),
});
export const redeliverResponse = z.object({ redelivering: z.number().int() });

export const attemptSchema = z.object({
  id: z.string(),
  deliveryId: z.string(),
  attempt: z.number().int(),
  firstSequence: z.number().int(),
  lastSequence: z.number().int(),
  eventCount: z.number().int(),
  holder: z.string(),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
});
export const attemptsResponse = z.object({ attempts: z.array(attemptSchema) });

export const leaseResponse = z.object({
  holder: z.string(),
  expiresAt: isoTime,
  listener: z.object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    secret: z.string().describe("The signing secret, for the bridge to sign deliveries."),
  }),
});
export const deliveryResponse = z.object({
  deliveryId: z.string().describe("The `webhook-id`: the same for every attempt of the same events."),
  attemptId: z.string(),
  attempt: z.number().int().describe("1 for the first attempt of this delivery."),
  firstAttemptAt: isoTime,
  events: z.array(webhookEventSchema),
});
export const attemptResultResponse = z.object({
  acknowledged: z
    .boolean()
    .describe(
      "True when the answer was 2xx and the events are acknowledged (by this attempt, or already by the listener itself).",
    ),
  position: z.number().int(),
  attempt: z.number().int(),
  firstAttemptAt: isoTime.nullable(),
  consecutiveFailures: z.number().int(),
  pending: z
    .boolean()
    .describe(
      "Whether events are still pending for the listener after this outcome: when false, the bridge waits for news instead of claiming again at once.",
    ),
});
export const deadLetteredResponse = z.object({
  deadLettered: z.number().int(),
  position: z.number().int(),
});

export const errorResponse = z.object({
  error: z.object({
    code: z.string().describe("Stable code, e.g. NOT_FOUND, VALIDATION_FAILED, FORBIDDEN, CONFLICT."),
    message: z.string(),
    fields: z
      .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
      .optional()
      .describe("With VALIDATION_FAILED: each offending field (e.g. `url` with INVALID_URL)."),
  }),
});

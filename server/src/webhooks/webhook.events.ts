import { z } from "zod";
import { defineEvent } from "../events/event-definition.js";

const byListener = (payload: { listenerId: string }) => ({ listenerId: payload.listenerId });

/** Listener events carry ids and filters, never the URL's query or the signing secret. */
export const webhookEvents = [
  defineEvent({
    name: "webhook_listener.registered",
    version: 1,
    description: "A webhook listener was registered with the REST facade (`PUT /webhooks/listeners/{id}`).",
    subject: byListener,
    payload: z.object({
      listenerId: z.string(),
      ownerId: z.string(),
      events: z.array(z.string()).describe("The filter; empty means every event."),
      position: z.number().int().describe("Sequence the listener starts after."),
    }),
  }),
  defineEvent({
    name: "webhook_listener.updated",
    version: 1,
    description:
      "A webhook listener's URL, filter, secret or position changed (re-registration, replay, re-delivery of dead letters).",
    subject: byListener,
    payload: z.object({
      listenerId: z.string(),
      changed: z.array(z.enum(["url", "events", "secret", "position", "dead_letters"])),
      events: z.array(z.string()),
      position: z.number().int(),
    }),
  }),
  defineEvent({
    name: "webhook_listener.deleted",
    version: 1,
    description: "A webhook listener was deleted; its pending events and dead letters are gone with it.",
    subject: byListener,
    payload: z.object({ listenerId: z.string() }),
  }),
  defineEvent({
    name: "webhook_listener.dead_lettered",
    version: 1,
    description:
      "Alert: a listener did not take events after the configured attempts or age; they moved to its dead letters and later events flow on. Not raised for dead-lettered `webhook_listener.*` events, so a failing listener cannot feed itself alerts.",
    subject: byListener,
    payload: z.object({
      listenerId: z.string(),
      sequences: z.array(z.number().int()),
      eventNames: z.array(z.string()),
      attempts: z.number().int(),
      reason: z.string(),
    }),
  }),
] as const;

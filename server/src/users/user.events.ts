import { z } from "zod";
import { defineEvent } from "../events/event-definition.js";

const userRef = { userId: z.string(), email: z.string() };
const bySubject = (payload: { userId: string }) => ({ userId: payload.userId });

/**
 * Links in verification and reset events are what the mailer sends. They are single-use, expire, and are stored
 * hashed; the event log is the only place their clear text exists, which is why its retention is short.
 */
export const userEvents = [
  defineEvent({
    name: "user.created",
    version: 1,
    description: "A user signed up or was created by an administrator.",
    subject: bySubject,
    payload: z.object({
      ...userRef,
      displayName: z.string(),
      groups: z.array(z.string()),
      verified: z.boolean(),
    }),
  }),
  defineEvent({
    name: "user.verification_requested",
    version: 1,
    description: "An e-mail verification link was issued; the mailer sends it.",
    subject: bySubject,
    payload: z.object({ ...userRef, displayName: z.string(), link: z.string(), expiresAt: z.string() }),
  }),
  defineEvent({
    name: "user.verified",
    version: 1,
    description: "A user verified their e-mail address and joined the default group.",
    subject: bySubject,
    payload: z.object({ ...userRef, groups: z.array(z.string()) }),
  }),
  defineEvent({
    name: "user.updated",
    version: 1,
    description: "A user's display name or profile fields changed.",
    subject: bySubject,
    payload: z.object({ ...userRef, changedFields: z.array(z.string()) }),
  }),
  defineEvent({
    name: "user.email_change_requested",
    version: 1,
    description: "A user asked to change their e-mail address; the link goes to the new address.",
    subject: bySubject,
    payload: z.object({
      ...userRef,
      newEmail: z.string(),
      displayName: z.string(),
      link: z.string(),
      expiresAt: z.string(),
    }),
  }),
  defineEvent({
    name: "user.email_changed",
    version: 1,
    description: "A user confirmed a new e-mail address.",
    subject: bySubject,
    payload: z.object({ ...userRef, previousEmail: z.string() }),
  }),
  defineEvent({
    name: "user.password_changed",
    version: 1,
    description: "A user changed their password; their other sessions ended.",
    subject: bySubject,
    payload: z.object(userRef),
  }),
  defineEvent({
    name: "user.password_reset_requested",
    version: 1,
    description: "A password reset link was issued for an existing account; the mailer sends it.",
    subject: bySubject,
    payload: z.object({ ...userRef, displayName: z.string(), link: z.string(), expiresAt: z.string() }),
  }),
  defineEvent({
    name: "user.password_reset",
    version: 1,
    description: "A user set a new password with a reset link; all their sessions ended.",
    subject: bySubject,
    payload: z.object(userRef),
  }),
  defineEvent({
    name: "user.groups_changed",
    version: 1,
    description: "An administrator changed a user's groups.",
    subject: bySubject,
    payload: z.object({
      ...userRef,
      groups: z.array(z.string()),
      added: z.array(z.string()),
      removed: z.array(z.string()),
    }),
  }),
  defineEvent({
    name: "user.disabled",
    version: 1,
    description: "An administrator disabled an account; its sessions and tokens stopped working.",
    subject: bySubject,
    payload: z.object(userRef),
  }),
  defineEvent({
    name: "user.enabled",
    version: 1,
    description: "An administrator re-enabled an account.",
    subject: bySubject,
    payload: z.object(userRef),
  }),
  defineEvent({
    name: "user.deleted",
    version: 1,
    description: "A user deleted their account, or an administrator deleted it.",
    subject: bySubject,
    payload: z.object(userRef),
  }),
] as const;

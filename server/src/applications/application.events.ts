import { z } from "zod";
import { defineEvent } from "../events/event-definition.js";

const clientType = z.enum(["confidential", "public_spa", "public_native"]);
const role = z.enum(["owner", "collaborator", "reader"]);
const byApplication = (payload: { applicationId: string }) => ({ applicationId: payload.applicationId });
const byApplicationAndUser = (payload: { applicationId: string; userId: string }) => ({
  applicationId: payload.applicationId,
  userId: payload.userId,
});

/**
 * Application events carry what the gateway adapter and the mailer act on: ids, name, client type and redirect
 * URIs (never a secret: applications have none; credentials belong to subscriptions).
 */
export const applicationEvents = [
  defineEvent({
    name: "application.created",
    version: 1,
    description: "A verified user registered an application and became its owner.",
    subject: byApplication,
    payload: z.object({
      applicationId: z.string(),
      name: z.string(),
      clientType,
      redirectUris: z.array(z.string()),
      ownerId: z.string(),
    }),
  }),
  defineEvent({
    name: "application.updated",
    version: 1,
    description:
      "An owner or administrator changed an application; `changedFields` names what changed, the other fields are the new values.",
    subject: byApplication,
    payload: z.object({
      applicationId: z.string(),
      changedFields: z.array(z.enum(["name", "description", "clientType", "redirectUris"])),
      name: z.string(),
      clientType,
      redirectUris: z.array(z.string()),
    }),
  }),
  defineEvent({
    name: "application.deleted",
    version: 1,
    description:
      "An application was deleted, with its members; its subscriptions were deleted in the same transaction (each with its own event).",
    subject: byApplication,
    payload: z.object({ applicationId: z.string(), name: z.string() }),
  }),
  defineEvent({
    name: "application.member_added",
    version: 1,
    description: "An owner or administrator made an existing user a member of an application.",
    subject: byApplicationAndUser,
    payload: z.object({
      applicationId: z.string(),
      applicationName: z.string(),
      userId: z.string(),
      email: z.string(),
      role,
    }),
  }),
  defineEvent({
    name: "application.member_removed",
    version: 1,
    description:
      "A member left an application, or an owner or administrator removed them (`leftThemselves` tells which).",
    subject: byApplicationAndUser,
    payload: z.object({
      applicationId: z.string(),
      userId: z.string(),
      role,
      leftThemselves: z.boolean(),
    }),
  }),
  defineEvent({
    name: "application.member_role_changed",
    version: 1,
    description: "An owner or administrator changed a member's role.",
    subject: byApplicationAndUser,
    payload: z.object({
      applicationId: z.string(),
      userId: z.string(),
      role,
      previousRole: role,
    }),
  }),
] as const;

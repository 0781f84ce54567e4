import { z } from "zod";
import { defineEvent } from "../events/event-definition.js";

/** Approval events name the request and who should decide on it (the approvers of `requiredGroup`). */
export const approvalEvents = [
  defineEvent({
    name: "approval.requested",
    version: 1,
    description:
      "A subscription waits for approval (new, or its plan changed to one that needs approval). Approvers of `requiredGroup` decide on it (administrators only when it is null); the mailer notifies them.",
    subject: (payload: { subscriptionId: string; applicationId: string }) => ({
      subscriptionId: payload.subscriptionId,
      applicationId: payload.applicationId,
    }),
    payload: z.object({
      subscriptionId: z.string(),
      applicationId: z.string(),
      applicationName: z.string(),
      apiId: z.string(),
      apiName: z.string(),
      planId: z.string(),
      planName: z.string(),
      requiredGroup: z.string().nullable(),
      requestedBy: z.string().nullable(),
      requesterEmail: z.string().nullable(),
    }),
  }),
] as const;

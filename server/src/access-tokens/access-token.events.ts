import { z } from "zod";
import { defineEvent } from "../events/event-definition.js";

const bySubject = (payload: { userId: string; tokenId: string }) => ({
  userId: payload.userId,
  tokenId: payload.tokenId,
});

/** Token events never carry the token itself. */
export const accessTokenEvents = [
  defineEvent({
    name: "access_token.created",
    version: 1,
    description: "A user created a personal access token (the token itself is never in an event).",
    subject: bySubject,
    payload: z.object({
      userId: z.string(),
      tokenId: z.string(),
      name: z.string(),
      scope: z.enum(["read", "write"]),
      expiresAt: z.string().nullable(),
    }),
  }),
  defineEvent({
    name: "access_token.revoked",
    version: 1,
    description: "A personal access token was revoked.",
    subject: bySubject,
    payload: z.object({ userId: z.string(), tokenId: z.string(), name: z.string() }),
  }),
] as const;

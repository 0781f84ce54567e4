import { randomBytes } from "node:crypto";
import { z } from "zod";
import { openSecret, sealSecret, type SealedSecret } from "../crypto/secret-box.js";
import type { KeyRing } from "../crypto/key-ring.js";

const PREFIX = "whsec_";
const MIN_BYTES = 24;
const MAX_BYTES = 64;

/**
 * A Standard Webhooks signing secret: `whsec_` and the base64 of the key bytes. The HMAC key is the decoded bytes,
 * so the listener can verify with any Standard Webhooks library.
 */
export const webhookSecretSchema = z.string().superRefine((value, context) => {
  const body = value.startsWith(PREFIX) ? value.slice(PREFIX.length) : null;
  const bytes = body !== null && /^[A-Za-z0-9+/]+={0,2}$/.test(body) ? Buffer.from(body, "base64").length : 0;
  if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
    context.addIssue({
      code: "custom",
      message: `must be "${PREFIX}" followed by the base64 of ${MIN_BYTES}–${MAX_BYTES} random bytes`,
      params: { code: "INVALID_SECRET" },
    });
  }
});

/** A new secret of 32 random bytes. */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64")}`;
}

const context = (listenerId: string) => `webhook_listener:${listenerId}`;

export function sealWebhookSecret(ring: KeyRing, listenerId: string, secret: string): SealedSecret {
  return sealSecret(ring, secret, context(listenerId));
}

export function openWebhookSecret(ring: KeyRing, listenerId: string, sealed: SealedSecret): string {
  return openSecret(ring, sealed, context(listenerId));
}

import { createHmac, timingSafeEqual } from "node:crypto";

const SECRET_PREFIX = "whsec_";

/** The HMAC key of a Standard Webhooks secret: the base64-decoded part after `whsec_`. */
export function signingKey(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    "base64",
  );
}

/** `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` (Standard Webhooks). */
export function webhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", signingKey(secret)).update(`${id}.${timestamp}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** The headers of one signed delivery; `webhook-id` stays the same across retries of the same events. */
export function webhookHeaders(secret: string, id: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "content-type": "application/json",
    "user-agent": "api-portal-bridge/0.1",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": webhookSignature(secret, id, timestamp, body),
  };
}

/** How far a delivery's timestamp may be from the receiver's clock (replay protection, Standard Webhooks). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Whether a delivery carries a valid Standard Webhooks signature for `secret`: one of the space-separated `v1,`
 * signatures matches (so a sender may sign with an old and a new secret during a rotation) and the timestamp is
 * within the tolerance.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { id: string | undefined; timestamp: string | undefined; signature: string | undefined },
  body: string,
  now: Date,
): boolean {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  const seconds = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - seconds) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(webhookSignature(secret, id, seconds, body));
  return signature.split(" ").some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

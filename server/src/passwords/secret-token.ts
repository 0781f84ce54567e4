import { createHash, randomBytes } from "node:crypto";

/** A new random secret for a link or a session: 32 bytes, base64url (43 characters). */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What is stored instead of the secret: its SHA-256, hex. A plain hash suffices because the secrets are random
 * 256-bit values (unlike passwords, they cannot be guessed from a dictionary).
 */
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

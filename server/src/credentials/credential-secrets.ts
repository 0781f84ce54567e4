import { randomBytes } from "node:crypto";

/** An API key: 32 random bytes (256 bits) as 43 base64url characters. */
export function newApiKey(): string {
  return randomBytes(32).toString("base64url");
}

/** An OAuth2 client id: 16 random bytes as 32 hex characters (safe in URLs and forms, not a secret). */
export function newClientId(): string {
  return randomBytes(16).toString("hex");
}

/** An OAuth2 client secret: 32 random bytes (256 bits) as 43 base64url characters. */
export function newClientSecret(): string {
  return randomBytes(32).toString("base64url");
}

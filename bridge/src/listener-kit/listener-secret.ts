import { createHmac } from "node:crypto";

/**
 * The signing secret of a built-in listener, derived from its service-account token: every replica and every
 * restart arrive at the same secret without storing it, and only holders of the token can compute it.
 */
export function derivedListenerSecret(token: string, listenerId: string): string {
  const key = createHmac("sha256", token).update(`listener:${listenerId}`).digest("base64");
  return `whsec_${key}`;
}

import type { ClientType } from "./application.types.js";

/** Every client type, in the order forms offer them. */
export const clientTypes = [
  "confidential",
  "public_spa",
  "public_native",
] as const satisfies readonly ClientType[];

/**
 * Whether clients of this type get a client secret. Confidential clients (server-side applications) can keep one;
 * single-page and native applications run on the user's device, cannot keep a secret, and use PKCE instead.
 */
export function clientHasSecret(clientType: ClientType): boolean {
  return clientType === "confidential";
}

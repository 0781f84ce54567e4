import { randomUUID } from "node:crypto";

/** Header that carries the request id in both directions. */
export const requestIdHeader = "x-request-id";

const acceptable = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The caller's request id if it is safe to log and echo (1–128 characters of `A-Z a-z 0-9 . _ -`), otherwise
 * `undefined`. A repeated header arrives joined with ", " and is therefore rejected.
 */
export function acceptRequestId(header: string | readonly string[] | undefined): string | undefined {
  return typeof header === "string" && acceptable.test(header) ? header : undefined;
}

/** The accepted incoming id, or a fresh UUID. */
export function requestIdFor(header: string | readonly string[] | undefined): string {
  return acceptRequestId(header) ?? randomUUID();
}

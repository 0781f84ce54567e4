import type { FastifyRequest } from "fastify";
import type { Credentials } from "../actor/actor-resolver.js";
import type { CallOrigin } from "../actor/actor.js";

/** Name of the browser session cookie (HttpOnly, SameSite=Lax, Secure over TLS). */
export const SESSION_COOKIE = "portal_session";

export function bearerToken(header: unknown): string | null {
  if (typeof header !== "string") return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/** The credentials of an HTTP request; needs @fastify/cookie registered in the request's scope. */
export function requestCredentials(request: FastifyRequest): Credentials {
  return {
    sessionToken: request.cookies[SESSION_COOKIE] ?? null,
    bearerToken: bearerToken(request.headers.authorization),
  };
}

export function requestOrigin(request: FastifyRequest): CallOrigin {
  return { address: request.ip, userAgent: request.headers["user-agent"] ?? null, requestId: request.id };
}

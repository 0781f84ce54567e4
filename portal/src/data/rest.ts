import { describeErrors } from "../errors/error-messages";
import { trackedFetch } from "./connection";
import type { Loaded } from "./result";

/**
 * Calls one of the server's JSON routes (`/webhooks/…`, `/readyz`) with the browser's session cookie. Error bodies
 * `{ error: { code, message, fields? } }` go through the one error handler like GraphQL errors do.
 */
export async function requestJson<T>(
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  options: { acceptStatus?: readonly number[] } = {},
): Promise<Loaded<T>> {
  let response: Response;
  try {
    response = await trackedFetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    return { ok: false, error: describeErrors([], error instanceof Error ? error : new Error(String(error))) };
  }
  const json = (await response.json().catch(() => null)) as unknown;
  if (response.ok || options.acceptStatus?.includes(response.status)) return { ok: true, data: json as T };
  const problem = (json as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  const message = typeof problem?.message === "string" ? problem.message : `HTTP ${response.status}`;
  return {
    ok: false,
    error: describeErrors([{ message, extensions: { code: problem?.code, fields: problem?.fields } }]),
  };
}

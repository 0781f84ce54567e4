import { describeErrors } from "../errors/error-messages";
import { trackedFetch } from "./connection";
import type { Loaded } from "./result";

/**
 * Reads one of the server's JSON routes (`/readyz`) with the browser's session cookie. Error bodies
 * `{ error: { code, message, fields? } }` go through the one error handler like GraphQL errors do; `acceptStatus`
 * names error statuses whose body is the answer (a 503 from `/readyz` still carries the report).
 */
export async function getJson<T>(path: string, acceptStatus: readonly number[] = []): Promise<Loaded<T>> {
  let response: Response;
  try {
    response = await trackedFetch(path, { credentials: "same-origin", headers: { accept: "application/json" } });
  } catch (error) {
    return { ok: false, error: describeErrors([], error instanceof Error ? error : new Error(String(error))) };
  }
  const json = (await response.json().catch(() => null)) as unknown;
  if (response.ok || acceptStatus.includes(response.status)) return { ok: true, data: json as T };
  const problem = (json as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  const message = typeof problem?.message === "string" ? problem.message : `HTTP ${response.status}`;
  return {
    ok: false,
    error: describeErrors([{ message, extensions: { code: problem?.code, fields: problem?.fields } }]),
  };
}

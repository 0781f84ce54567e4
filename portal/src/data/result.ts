import type { AnyVariables, OperationResult } from "@urql/core";
import { describeError, type ShownError } from "../errors/error-messages";

/** What a data function returns: the data, or the error as the portal shows it. */
export type Loaded<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ShownError };

/** Turns an urql result into {@link Loaded}, picking the part the caller needs. */
export function loaded<R, V extends AnyVariables, T>(result: OperationResult<R, V>, pick: (data: R) => T): Loaded<T> {
  if (result.error) return { ok: false, error: describeError(result.error) };
  if (!result.data) {
    return { ok: false, error: { code: "UNKNOWN", message: "The server sent no data.", fields: {} } };
  }
  return { ok: true, data: pick(result.data) };
}

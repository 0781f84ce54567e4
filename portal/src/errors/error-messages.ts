import type { CombinedError } from "@urql/core";

/** The error codes of the portal API (the `ErrorCode` enum of the schema; a test keeps them equal). */
export type ErrorCode =
  | "ACCOUNT_DISABLED"
  | "BAD_REQUEST"
  | "CONFLICT"
  | "EMAIL_NOT_VERIFIED"
  | "FORBIDDEN"
  | "INSUFFICIENT_SCOPE"
  | "INTERNAL"
  | "INVALID_CREDENTIALS"
  | "LAST_OWNER"
  | "NOT_FOUND"
  | "PASSWORD_POLICY"
  | "PAYLOAD_TOO_LARGE"
  | "QUERY_TOO_COMPLEX"
  | "RATE_LIMITED"
  | "TOKEN_EXPIRED"
  | "TOKEN_INVALID"
  | "UNAUTHENTICATED"
  | "VALIDATION_FAILED";

/** A human message for every error code of the portal API (the `ErrorCode` enum of the schema). */
export const errorCodeMessages: Readonly<Record<ErrorCode, string>> = {
  ACCOUNT_DISABLED: "This account is disabled. Please contact the portal's administrators.",
  BAD_REQUEST: "The portal could not understand this request. Please reload the page and try again.",
  CONFLICT: "This conflicts with something that already exists, for example the same id.",
  EMAIL_NOT_VERIFIED: "Please verify your e-mail address first: follow the link we sent you.",
  FORBIDDEN: "You are not allowed to do this.",
  INSUFFICIENT_SCOPE: "Your access token does not allow this action.",
  INTERNAL: "Something went wrong on our side. Please try again in a moment.",
  INVALID_CREDENTIALS: "The e-mail address or password is not correct.",
  LAST_OWNER: "Every application needs an owner: make someone else an owner first.",
  NOT_FOUND: "This does not exist, or you may not see it.",
  PASSWORD_POLICY: "The password does not meet the portal's password rules.",
  PAYLOAD_TOO_LARGE: "This is too large to send.",
  QUERY_TOO_COMPLEX: "This request asks for too much at once.",
  RATE_LIMITED: "Too many attempts. Please wait a moment and try again.",
  TOKEN_EXPIRED: "This link has expired. Please request a new one.",
  TOKEN_INVALID: "This link is not valid (it may have been used already).",
  UNAUTHENTICATED: "Please sign in to continue.",
  VALIDATION_FAILED: "Some fields need your attention.",
};

/** Messages by field path (`email`, `redirectUris.2`), as the server reports them in `extensions.fields`. */
export type FieldMessages = Readonly<Record<string, string>>;

/** An error as the portal shows it: one summary and messages next to the fields. */
export interface ShownError {
  readonly code: ErrorCode | "NETWORK" | "UNKNOWN";
  readonly message: string;
  readonly fields: FieldMessages;
}

interface GraphQLErrorLike {
  readonly message: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(errorCodeMessages, code);
}

function fieldMessages(extensions: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  const list = extensions?.["fields"];
  if (!Array.isArray(list)) return fields;
  for (const entry of list as unknown[]) {
    if (typeof entry !== "object" || entry === null) continue;
    const { field, message } = entry as { field?: unknown; message?: unknown };
    if (typeof field !== "string" || typeof message !== "string") continue;
    fields[field] = fields[field] ? `${fields[field]}; ${message}` : message;
  }
  return fields;
}

/** Turns GraphQL errors (or a lost connection) into what the portal shows. */
export function describeErrors(graphQLErrors: readonly GraphQLErrorLike[], networkError?: Error): ShownError {
  if (networkError && graphQLErrors.length === 0) {
    return {
      code: "NETWORK",
      message: "The portal cannot reach its server. Check your connection and try again.",
      fields: {},
    };
  }
  const first = graphQLErrors[0];
  if (!first) return { code: "UNKNOWN", message: "Something went wrong. Please try again.", fields: {} };
  const code = first.extensions?.["code"];
  const fields = Object.assign(
    {},
    ...graphQLErrors.map((error) => fieldMessages(error.extensions)),
  ) as Record<string, string>;
  if (!isErrorCode(code)) return { code: "UNKNOWN", message: first.message, fields };
  return { code, message: errorCodeMessages[code], fields };
}

/** {@link describeErrors} for an urql result error. */
export function describeError(error: CombinedError): ShownError {
  return describeErrors(error.graphQLErrors, error.networkError);
}

/** On forms that ask for the current password, a wrong password is about that field, not about signing in. */
export function asCurrentPasswordError(error: ShownError): ShownError {
  return error.code === "INVALID_CREDENTIALS"
    ? { ...error, message: "The current password is not correct." }
    : error;
}

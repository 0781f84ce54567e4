import { ErrorCode } from "./error-code.js";

/** One invalid input field: a dotted path into the input object, a machine code and a human message. */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface DomainErrorDetails {
  readonly fields?: readonly FieldError[];
  readonly retryAfterSeconds?: number;
}

/** An expected failure with a stable code. Transports map it once (GraphQL extensions, REST status + body). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = "DomainError";
  }

  static validation(fields: readonly FieldError[]): DomainError {
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
    return new DomainError(ErrorCode.VALIDATION_FAILED, `Invalid input: ${summary}`, { fields });
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} "${id}" was not found`);
  }

  static forbidden(message = "You are not allowed to do this"): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }

  static unauthenticated(message = "Sign in first"): DomainError {
    return new DomainError(ErrorCode.UNAUTHENTICATED, message);
  }
}

/** HTTP status used by the REST facade for each code. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
    case ErrorCode.PASSWORD_POLICY:
    case ErrorCode.BAD_REQUEST:
    case ErrorCode.QUERY_TOO_COMPLEX:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.INVALID_CREDENTIALS:
      return 401;
    case ErrorCode.FORBIDDEN:
    case ErrorCode.EMAIL_NOT_VERIFIED:
    case ErrorCode.ACCOUNT_DISABLED:
    case ErrorCode.INSUFFICIENT_SCOPE:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.CONFLICT:
    case ErrorCode.LAST_OWNER:
      return 409;
    case ErrorCode.TOKEN_INVALID:
    case ErrorCode.TOKEN_EXPIRED:
      return 410;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.INTERNAL:
      return 500;
  }
}

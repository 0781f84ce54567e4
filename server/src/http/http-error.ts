import { STATUS_CODES } from "node:http";

/** Body of every error response: `{ error: { code, message } }`. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

const codesByStatus: Readonly<Record<number, string>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  406: "NOT_ACCEPTABLE",
  408: "REQUEST_TIMEOUT",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  414: "URI_TOO_LONG",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_ENTITY",
  429: "TOO_MANY_REQUESTS",
  431: "HEADERS_TOO_LARGE",
  500: "INTERNAL",
  503: "SERVICE_UNAVAILABLE",
};

/** The message sent for every 5xx that is not an {@link HttpError}; the real error goes to the log only. */
export const maskedMessage = "Internal server error";

/**
 * An error whose status, code and message are meant for the client. Route handlers and plugins throw it; the
 * server's error handler turns it into `{ error: { code, message } }`.
 */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;

  constructor(statusCode: number, message: string, code?: string) {
    super(message);
    this.name = "HttpError";
    this.statusCode = statusCode;
    this.code = code ?? errorCodeFor(statusCode);
  }
}

export function errorCodeFor(statusCode: number): string {
  return codesByStatus[statusCode] ?? (statusCode >= 500 ? "INTERNAL" : "CLIENT_ERROR");
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

export interface ErrorResponse {
  readonly statusCode: number;
  readonly body: ErrorBody;
  /** True for server faults, whose real message is hidden from the client and logged. */
  readonly internal: boolean;
}

/**
 * Maps anything thrown while handling a request to a response. Fastify's own client errors (bad JSON, body too
 * large, schema validation) keep their message; any other 5xx is masked.
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof HttpError) {
    return {
      statusCode: error.statusCode,
      body: errorBody(error.code, error.message),
      internal: error.statusCode >= 500,
    };
  }
  const statusCode = statusCodeOf(error);
  if (statusCode >= 500) {
    return { statusCode, body: errorBody(errorCodeFor(statusCode), maskedMessage), internal: true };
  }
  const message =
    error instanceof Error && error.message !== "" ? error.message : (STATUS_CODES[statusCode] ?? "Error");
  return { statusCode, body: errorBody(errorCodeFor(statusCode), message), internal: false };
}

function statusCodeOf(error: unknown): number {
  if (typeof error === "object" && error !== null && "statusCode" in error) {
    const { statusCode } = error;
    if (
      typeof statusCode === "number" &&
      Number.isInteger(statusCode) &&
      statusCode >= 400 &&
      statusCode <= 599
    ) {
      return statusCode;
    }
  }
  return 500;
}

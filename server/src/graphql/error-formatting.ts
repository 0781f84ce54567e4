import { unwrapResolverError, ApolloServerErrorCode } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";

const clientErrorCodes = new Set<string>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
]);

const ownCodes = new Set<string>(Object.values(ErrorCode));

/** True when the error is not an expected, client-caused one and must be logged and masked. */
export function isUnexpectedError(formatted: GraphQLFormattedError, original: unknown): boolean {
  if (unwrapResolverError(original) instanceof DomainError) return false;
  const code = formatted.extensions?.code;
  return !(typeof code === "string" && (clientErrorCodes.has(code) || ownCodes.has(code)));
}

/**
 * The one mapping from errors to GraphQL responses: domain errors keep their code and details, GraphQL syntax and
 * validation errors become BAD_REQUEST, anything else is masked as INTERNAL (it was logged with the request id).
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  original: unknown,
): GraphQLFormattedError {
  const error = unwrapResolverError(original);
  if (error instanceof DomainError) {
    return {
      message: error.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: {
        code: error.code,
        ...(error.details.fields ? { fields: error.details.fields } : {}),
        ...(error.details.retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds: error.details.retryAfterSeconds }),
      },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && ownCodes.has(code)) return formatted;
  if (typeof code === "string" && clientErrorCodes.has(code)) {
    return { ...formatted, extensions: { code: ErrorCode.BAD_REQUEST, reason: code } };
  }
  return {
    message: "Internal error; it was logged with the request id",
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL },
  };
}

/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Stable codes of domain errors, returned in `extensions.code` of every GraphQL error. */
export type ErrorCode =
  /** The account is disabled by an administrator. */
  | 'ACCOUNT_DISABLED'
  /** The request is malformed. */
  | 'BAD_REQUEST'
  /** The change conflicts with existing data (for example a duplicate). */
  | 'CONFLICT'
  /** The e-mail address must be verified first. */
  | 'EMAIL_NOT_VERIFIED'
  /** The caller is signed in but not allowed to do this. */
  | 'FORBIDDEN'
  /** The access token's scope does not allow this operation. */
  | 'INSUFFICIENT_SCOPE'
  /** An unexpected error; it was logged with the request id. */
  | 'INTERNAL'
  /** E-mail address or password is wrong. */
  | 'INVALID_CREDENTIALS'
  /** The user is the last owner of an application. */
  | 'LAST_OWNER'
  /** The object does not exist or is not visible to the caller. */
  | 'NOT_FOUND'
  /** The password does not satisfy the portal's password policy. */
  | 'PASSWORD_POLICY'
  /** The request body or query is too large. */
  | 'PAYLOAD_TOO_LARGE'
  /** The query is deeper or costlier than allowed. */
  | 'QUERY_TOO_COMPLEX'
  /** Too many attempts; `retryAfterSeconds` tells when to try again. */
  | 'RATE_LIMITED'
  /** The link or token has expired; request a new one. */
  | 'TOKEN_EXPIRED'
  /** The link or token is unknown or was already used. */
  | 'TOKEN_INVALID'
  /** The caller is not signed in, or the session or token is no longer valid. */
  | 'UNAUTHENTICATED'
  /** The input is invalid; `fields` names each offending field. */
  | 'VALIDATION_FAILED';

export type ErrorCodesQueryVariables = Exact<{ [key: string]: never; }>;


export type ErrorCodesQuery = { errorCodes: Array<{ code: ErrorCode, description: string }> };


export const ErrorCodesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ErrorCodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]} as unknown as DocumentNode<ErrorCodesQuery, ErrorCodesQueryVariables>;
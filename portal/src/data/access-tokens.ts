import { client } from "../client";
import { graphql } from "../gql";
import type { AccessScope, AccessTokensQuery } from "../gql/graphql";
import { loaded, type Loaded } from "./result";

type AccessTokenNode = AccessTokensQuery["accessTokens"]["edges"][number]["node"];
export type { AccessScope };

/** A token as the profile lists it; the dates are ISO strings (the `DateTimeISO` scalar). */
export interface AccessToken {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scope: AccessScope;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
}

function isoOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function toAccessToken(node: AccessTokenNode): AccessToken {
  return {
    id: node.id,
    name: node.name,
    prefix: node.prefix,
    scope: node.scope,
    createdAt: String(node.createdAt),
    expiresAt: isoOrNull(node.expiresAt),
    lastUsedAt: isoOrNull(node.lastUsedAt),
  };
}

const AccessTokensDocument = graphql(`
  query AccessTokens {
    accessTokens(first: 100) {
      edges {
        node {
          id
          name
          prefix
          scope
          createdAt
          expiresAt
          lastUsedAt
        }
      }
    }
  }
`);

const CreateAccessTokenDocument = graphql(`
  mutation CreateAccessToken($input: CreateAccessTokenInput!) {
    createAccessToken(input: $input) {
      token
      accessToken {
        id
      }
    }
  }
`);

const RevokeAccessTokenDocument = graphql(`
  mutation RevokeAccessToken($input: RevokeAccessTokenInput!) {
    revokeAccessToken(input: $input) {
      accessToken {
        id
        revokedAt
      }
    }
  }
`);

/** The signed-in user's tokens that are not revoked, newest first. */
export async function loadAccessTokens(): Promise<Loaded<AccessToken[]>> {
  const result = await client.query(AccessTokensDocument, {}, { requestPolicy: "network-only" }).toPromise();
  return loaded(result, (data) => data.accessTokens.edges.map((edge) => toAccessToken(edge.node)));
}

/** Creates a token; the answer is the token itself, which the server never shows again. */
export async function createAccessToken(input: {
  name: string;
  scope: AccessScope;
  expiresAt: string | null;
}): Promise<Loaded<string>> {
  const result = await client.mutation(CreateAccessTokenDocument, { input }).toPromise();
  return loaded(result, (data) => data.createAccessToken.token);
}

export async function revokeAccessToken(id: string): Promise<Loaded<true>> {
  const result = await client.mutation(RevokeAccessTokenDocument, { input: { id } }).toPromise();
  return loaded(result, () => true as const);
}

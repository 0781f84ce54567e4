import { client } from "../client";
import { graphql } from "../gql";
import { loaded, type Loaded } from "./result";
import { tryItKeys, type TryItKey } from "./try-it-keys";

export type { TryItKey };

/** What the API reference shows: the document (portal security injected) or the URL it is published at. */
export interface ApiReferenceSource {
  readonly document: Record<string, unknown> | null;
  readonly url: string | null;
}

const ApiReferenceDocument = graphql(`
  query ApiReference($id: ID!) {
    api(id: $id) {
      id
      openApiDocument
      openApiUrl
    }
  }
`);

const TryItKeysDocument = graphql(`
  query TryItKeys {
    applications(first: 100) {
      edges {
        node {
          id
          name
          subscriptions {
            id
            api {
              id
            }
            credentials {
              apiKey
              expiresAt
            }
          }
        }
      }
    }
  }
`);

export async function loadApiReference(apiId: string): Promise<Loaded<ApiReferenceSource>> {
  const result = await client.query(ApiReferenceDocument, { id: apiId }).toPromise();
  return loaded(result, (data) => ({
    document: (data.api.openApiDocument as Record<string, unknown> | null | undefined) ?? null,
    url: data.api.openApiUrl ?? null,
  }));
}

/** The current API keys of the signed-in visitor's subscriptions to this API, one per application. */
export async function loadTryItKeys(apiId: string): Promise<Loaded<readonly TryItKey[]>> {
  const result = await client.query(TryItKeysDocument, {}, { requestPolicy: "network-only" }).toPromise();
  return loaded(result, (data) =>
    tryItKeys(
      apiId,
      data.applications.edges.map((edge) => edge.node),
    ),
  );
}

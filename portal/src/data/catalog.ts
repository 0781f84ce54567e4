import { client } from "../client";
import { graphql } from "../gql";
import type { ApiDetailQuery, CatalogQuery, SiteMapQuery } from "../gql/graphql";
import { loaded, type Loaded } from "./result";

export type CatalogApi = CatalogQuery["apis"]["edges"][number]["node"];
export type CatalogTag = CatalogQuery["apiTags"][number];
export type ApiDetail = ApiDetailQuery["api"];
export type SiteMapEntry = SiteMapQuery["siteMap"][number];

const CatalogDocument = graphql(`
  query Catalog($filter: ApiFilterInput) {
    apis(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          id
          name
          summary
          tags
          deprecated
          authMethod
        }
      }
    }
    apiTags {
      tag
      count
    }
  }
`);

const ApiDetailDocument = graphql(`
  query ApiDetail($id: ID!) {
    api(id: $id) {
      id
      name
      summary
      descriptionHtml
      tags
      deprecated
      authMethod
      apiKeyHeader
      requestUrl
      subscribable
      limits
      plans {
        id
        name
        descriptionHtml
        limits
        needsApproval
      }
    }
  }
`);

const SiteMapDocument = graphql(`
  query SiteMap {
    siteMap {
      kind
      path
      title
    }
  }
`);

const ContentPageDocument = graphql(`
  query ContentPage($id: ID!) {
    contentPage(id: $id) {
      id
      title
      html
    }
  }
`);

export interface Catalog {
  readonly apis: readonly CatalogApi[];
  readonly totalCount: number;
  readonly tags: readonly CatalogTag[];
}

export async function loadCatalog(filter: { search?: string; tag?: string }): Promise<Loaded<Catalog>> {
  const result = await client
    .query(CatalogDocument, {
      filter: { search: filter.search || null, tag: filter.tag || null },
    })
    .toPromise();
  return loaded(result, (data) => ({
    apis: data.apis.edges.map((edge) => edge.node),
    totalCount: data.apis.totalCount,
    tags: data.apiTags,
  }));
}

export async function loadApi(id: string): Promise<Loaded<ApiDetail>> {
  return loaded(await client.query(ApiDetailDocument, { id }).toPromise(), (data) => data.api);
}

export async function loadSiteMap(): Promise<Loaded<readonly SiteMapEntry[]>> {
  const result = await client.query(SiteMapDocument, {}, { requestPolicy: "network-only" }).toPromise();
  return loaded(result, (data) => data.siteMap);
}

export async function loadContentPage(id: string): Promise<Loaded<{ title: string; html: string }>> {
  return loaded(await client.query(ContentPageDocument, { id }).toPromise(), (data) => data.contentPage);
}

/** One page of a GraphQL connection as the admin lists use it: the nodes, the total, and where the next page starts. */
export interface ConnectionPage<T> {
  readonly nodes: readonly T[];
  readonly totalCount: number;
  /** null on the last page. */
  readonly nextCursor: string | null;
}

/** The parts of a connection (`totalCount`, `pageInfo`, `edges`) every paged admin query selects. */
interface Connection<T> {
  readonly totalCount: number;
  readonly pageInfo: { readonly endCursor?: string | null; readonly hasNextPage: boolean };
  readonly edges: readonly { readonly node: T }[];
}

export function connectionPage<T>(connection: Connection<T>): ConnectionPage<T> {
  return {
    nodes: connection.edges.map((edge) => edge.node),
    totalCount: connection.totalCount,
    nextCursor: connection.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null,
  };
}

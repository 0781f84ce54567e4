import { Field, Int, ObjectType, ArgsType, type ClassType } from "type-graphql";
import { DomainError } from "../errors/domain-error.js";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

@ObjectType({
  description: "Where a page of a connection ends, and whether more follow.",
  simpleResolvers: true,
})
export class PageInfo {
  @Field(() => Boolean, { description: "True when another page follows the last edge." })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last edge; pass it as `after` for the next page.",
  })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Return the edges after this cursor (from `pageInfo.endCursor`).",
  })
  after?: string | null;
}

/** A validated page request: the size and the decoded position after which the page starts. */
export interface PageRequest {
  readonly first: number;
  readonly after: readonly (string | number)[] | null;
}

export interface Page<T> {
  readonly items: readonly { readonly cursor: string; readonly node: T }[];
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string, field = "after"): readonly (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.every((k) => typeof k === "string" || typeof k === "number")) return key;
  } catch {
    // fall through to the validation error below
  }
  throw DomainError.validation([
    { field, code: "INVALID_CURSOR", message: "is not a cursor returned by this API" },
  ]);
}

export function pageRequest(args: PageArgs): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw DomainError.validation([
      { field: "first", code: "OUT_OF_RANGE", message: `must be between 1 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  return { first, after: args.after ? decodeCursor(args.after) : null };
}

/**
 * Turns `first + 1` rows fetched in the connection's stable order into a page. `keyOf` gives the sort key of a row,
 * which becomes its cursor.
 */
export function toPage<T>(
  rows: readonly T[],
  request: PageRequest,
  totalCount: number,
  keyOf: (row: T) => readonly (string | number)[],
): Page<T> {
  const pageRows = rows.slice(0, request.first);
  return {
    items: pageRows.map((node) => ({ cursor: encodeCursor(keyOf(node)), node })),
    hasNextPage: rows.length > request.first,
    totalCount,
  };
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the `<Name>Connection` and `<Name>Edge` GraphQL types for a node type. */
export function connectionType<T extends object>(
  node: ClassType<T>,
  name: string,
): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, {
    description: `One ${name} in a page, with its cursor.`,
    simpleResolvers: true,
  })
  class Edge {
    @Field(() => String, { description: "Opaque position of this edge; pass it as `after`." })
    cursor: string;

    @Field(() => node, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} objects in a stable order.`,
    simpleResolvers: true,
  })
  class Connection {
    @Field(() => [Edge], { description: "The edges of this page." })
    edges: Edge[];

    @Field(() => PageInfo, { description: "Where this page ends." })
    pageInfo: PageInfo;

    @Field(() => Int, { description: "Number of matching objects across all pages." })
    totalCount: number;
  }
  return Connection;
}

export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  const last = page.items.at(-1);
  return {
    edges: page.items.map((item) => ({ cursor: item.cursor, node: item.node })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? last.cursor : null },
    totalCount: page.totalCount,
  };
}

import { GraphQLError, Kind, type DocumentNode, type GraphQLSchema, type SelectionSetNode } from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE } from "./connection.js";
import { ErrorCode } from "../errors/error-code.js";

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
}

/** A paginated field costs its children once per requested item, so `first: 100` of a nested list is expensive. */
const paginationEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (!("first" in args)) return undefined;
  const first = typeof args.first === "number" ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + first * Math.max(childComplexity, 1);
};

function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Map<string, SelectionSetNode>,
  seen: Set<string>,
): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // Introspection is bounded by the schema itself (type references nest only as deep as list/non-null
      // wrappers), and the standard introspection query of tools is deeper than any sensible data query.
      if (selection.name.value.startsWith("__")) continue;
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue;
      deepest = Math.max(deepest, depthOf(fragments.get(name), fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

function limitError(message: string, details: Record<string, number>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, ...details } });
}

/** Throws QUERY_TOO_COMPLEX when the selected operation is deeper or costlier than allowed. */
export function enforceQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  limits: QueryLimits,
): void {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition.selectionSet);
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName !== undefined && definition.name?.value !== operationName) continue;
    const depth = depthOf(definition.selectionSet, fragments, new Set());
    if (depth > limits.maxDepth) {
      throw limitError(`Query depth ${depth} exceeds the limit of ${limits.maxDepth}`, {
        depth,
        maxDepth: limits.maxDepth,
      });
    }
  }
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables,
      ...(operationName === undefined ? {} : { operationName }),
      estimators: [paginationEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // The cost needs the variables, so invalid ones (an unknown input field, a wrong type) surface here first.
    if (error instanceof GraphQLError) {
      throw new GraphQLError(error.message, { extensions: { code: ErrorCode.BAD_REQUEST } });
    }
    throw error;
  }
  if (cost > limits.maxCost) {
    throw limitError(
      `Query cost ${cost} exceeds the limit of ${limits.maxCost}; request fewer items per page`,
      {
        cost,
        maxCost: limits.maxCost,
      },
    );
  }
}

const MAX_MEMO_KEY_LENGTH = 8192;

/**
 * The same check with a bounded memo: scripts and the portal send the same few operations over and over, and the
 * cost walk costs as much as executing a small query. The key includes the variables, since page sizes count.
 */
export function createQueryLimiter(
  schema: GraphQLSchema,
  limits: QueryLimits,
  capacity = 1000,
): (
  source: string,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
) => void {
  const verdicts = new Map<string, GraphQLError | null>();
  return (source, document, operationName, variables) => {
    const key = `${operationName ?? ""}\u0000${JSON.stringify(variables)}\u0000${source}`;
    // Large keys (long texts in variables) are checked without memo, so the memo stays small.
    if (key.length > MAX_MEMO_KEY_LENGTH) {
      enforceQueryLimits(schema, document, operationName, variables, limits);
      return;
    }
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      try {
        enforceQueryLimits(schema, document, operationName, variables, limits);
        verdict = null;
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        verdict = error;
      }
      if (verdicts.size >= capacity) verdicts.delete(verdicts.keys().next().value as string);
      verdicts.set(key, verdict);
    }
    if (verdict) throw verdict;
  };
}

import { directReadsOf } from "./direct-sqlite-reads.js";
import type { Compilable, CompiledQuery, Kysely, QueryExecutor } from "kysely";

type Scalar = string | number | boolean | null;
/** A value, or a list of values for `in (…)`; a list's length is part of the SQL, so each length compiles once. */
type Argument = Scalar | readonly Scalar[];

/**
 * A query of fixed shape whose SQL is built and compiled once per database; each call only swaps in the
 * parameter values. Building and compiling a Kysely query costs several times more than running a short indexed
 * SQLite statement, and the lookups of every authenticated request (token, user) are such statements.
 */
export type PreparedQuery<DB, Args extends readonly Argument[], Row> = (
  db: Kysely<DB>,
  ...args: Args
) => Promise<Row[]>;

/** Lists longer than this are built per call, so the compiled forms of one query stay few. */
const MAX_PREPARED_LIST_LENGTH = 64;

/** Marks where a value lands among the compiled parameters; never a legitimate value. */
function placeholder(argument: number, item: number): string {
  return `\u0000prepared-query-argument-${argument}-${item}\u0000`;
}

interface Compiled {
  readonly query: CompiledQuery;
  /** For each compiled parameter: [argument, list item or -1 for a scalar], or null to keep the compiled constant. */
  readonly sources: readonly (readonly [number, number] | null)[];
}

function compile<DB, Args extends readonly Argument[], Row>(
  db: Kysely<DB>,
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
  args: Args,
): Compiled {
  const placeholders = args.map((arg, index) =>
    Array.isArray(arg) ? arg.map((_, item) => placeholder(index, item)) : placeholder(index, -1),
  );
  const query = build(db, ...(placeholders as unknown as Args)).compile();
  if (query.sql.includes("\u0000")) {
    throw new Error(`prepared query ${query.sql}: an argument is used in the SQL text, not as a parameter`);
  }
  const position = new Map<string, readonly [number, number]>();
  placeholders.forEach((value, index) => {
    if (Array.isArray(value))
      value.forEach((item: string, itemIndex) => position.set(item, [index, itemIndex]));
    else position.set(value, [index, -1]);
  });
  const sources = query.parameters.map(
    (value) => (typeof value === "string" ? position.get(value) : undefined) ?? null,
  );
  const used = new Set(sources.flatMap((source) => (source ? [source[0]] : [])));
  args.forEach((arg, index) => {
    if (!used.has(index) && !(Array.isArray(arg) && arg.length === 0)) {
      throw new Error(`prepared query ${query.sql}: argument ${index} is not a parameter of the SQL`);
    }
  });
  return { query, sources };
}

/**
 * `build` must use each argument only as values (parameters of the compiled SQL), never in the SQL text; that is
 * checked when it is compiled. Queries on a database with Kysely plugins (tests that count or fail statements) are
 * built anew on every call, since plugins rewrite queries while they compile.
 */
export function preparedQuery<DB, Args extends readonly Argument[], Row>(
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
): PreparedQuery<DB, Args, Row> {
  // The compiled SQL depends on the dialect only, and a database and its transactions share one adapter.
  const compiledPerAdapter = new WeakMap<object, Map<string, Compiled>>();

  return async (db, ...args) => {
    const executor: QueryExecutor = db.getExecutor();
    const shape = args.map((arg) => (Array.isArray(arg) ? arg.length : "-")).join(",");
    const tooLong = args.some((arg) => Array.isArray(arg) && arg.length > MAX_PREPARED_LIST_LENGTH);
    if (executor.plugins.length > 0 || tooLong) return (await db.executeQuery(build(db, ...args))).rows;
    let forms = compiledPerAdapter.get(executor.adapter);
    if (!forms) {
      forms = new Map();
      compiledPerAdapter.set(executor.adapter, forms);
    }
    let compiled = forms.get(shape);
    if (!compiled) {
      compiled = compile(db, build, args);
      forms.set(shape, compiled);
    }
    const { query, sources } = compiled;
    const parameters = sources.map((source, index) => {
      if (!source) return query.parameters[index];
      const arg = args[source[0]];
      return source[1] < 0 ? arg : (arg as readonly Scalar[])[source[1]];
    });
    if (!db.isTransaction) {
      const rows = directReadsOf(executor.adapter)?.(query.sql, parameters);
      if (rows) return rows as Row[];
    }
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}

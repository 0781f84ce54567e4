import type { Compilable, CompiledQuery, Kysely, QueryExecutor } from "kysely";

type Scalar = string | number | boolean | null;

/**
 * A query of fixed shape whose SQL is built and compiled once per database; each call only swaps in the
 * parameter values. Building and compiling a Kysely query costs several times more than running a short indexed
 * SQLite statement, and the lookups of every authenticated request (token, user) are such statements.
 */
export type PreparedQuery<DB, Args extends readonly Scalar[], Row> = (
  db: Kysely<DB>,
  ...args: Args
) => Promise<Row[]>;

/** Marks where argument `index` lands among the compiled parameters; never a legitimate value. */
function placeholder(index: number): string {
  return `\u0000prepared-query-argument-${index}\u0000`;
}

interface Compiled {
  readonly query: CompiledQuery;
  /** For each compiled parameter: the argument index it takes, or -1 to keep the compiled (constant) value. */
  readonly sources: readonly number[];
}

/**
 * `build` must use each argument only as a value (a parameter of the compiled SQL), never in the SQL text; that
 * is checked when it is compiled. Queries on a database with Kysely plugins (tests that count or fail
 * statements) are built anew on every call, since plugins rewrite queries while they compile.
 */
export function preparedQuery<DB, Args extends readonly Scalar[], Row>(
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
): PreparedQuery<DB, Args, Row> {
  const arity = build.length - 1;
  // The compiled SQL depends on the dialect only, and a database and its transactions share one adapter.
  const compiledPerAdapter = new WeakMap<object, Compiled>();

  const compile = (db: Kysely<DB>): Compiled => {
    const placeholders = Array.from({ length: arity }, (_, index) => placeholder(index));
    const query = build(db, ...(placeholders as unknown as Args)).compile();
    if (query.sql.includes("\u0000")) {
      throw new Error(`prepared query ${query.sql}: an argument is used in the SQL text, not as a parameter`);
    }
    const sources = query.parameters.map((value) =>
      typeof value === "string" ? placeholders.indexOf(value) : -1,
    );
    for (let index = 0; index < arity; index++) {
      if (!sources.includes(index)) {
        throw new Error(`prepared query ${query.sql}: argument ${index} is not a parameter of the SQL`);
      }
    }
    return { query, sources };
  };

  return async (db, ...args) => {
    const executor: QueryExecutor = db.getExecutor();
    if (executor.plugins.length > 0) return (await db.executeQuery(build(db, ...args))).rows;
    let compiled = compiledPerAdapter.get(executor.adapter);
    if (!compiled) {
      compiled = compile(db);
      compiledPerAdapter.set(executor.adapter, compiled);
    }
    const { query, sources } = compiled;
    const parameters = sources.map((source, index) => (source < 0 ? query.parameters[index] : args[source]));
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}

import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";

/** Distinct SQL texts that get a name; later ones run unnamed, so lists of many lengths cannot grow this forever. */
const MAX_NAMED_STATEMENTS = 2_000;

/** Statements worth preparing: the queries and writes of request handling, not DDL or transaction control. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/** SQLSTATE of "cached plan must not change result type": a prepared statement outlived a schema change. */
const FEATURE_NOT_SUPPORTED = "0A000";

/**
 * Names the statements Kysely sends, so that each connection parses and plans a statement once and afterwards only
 * binds and executes it (PostgreSQL's extended protocol; node-postgres prepares a named statement on a connection
 * the first time it sees the name there). Unnamed, every statement of every request was parsed and planned anew,
 * which made the PostgreSQL server spend about as much CPU per request as the portal itself.
 */
export class NamedStatements {
  private readonly names = new Map<string, string>();

  /** The name of `sql`, or undefined when it is not worth preparing or the table of names is full. */
  nameOf(sql: string): string | undefined {
    const known = this.names.get(sql);
    if (known !== undefined) return known;
    if (this.names.size >= MAX_NAMED_STATEMENTS || !PREPARABLE.test(sql)) return undefined;
    const name = `portal_${this.names.size + 1}`;
    this.names.set(sql, name);
    return name;
  }
}

const BEGINS = /^\s*(begin|start\s+transaction)\b/i;
const ENDS = /^\s*(commit|rollback)\s*$/i;

function namedClient(client: pg.PoolClient, statements: NamedStatements): PostgresPoolClient {
  let inTransaction = false;
  let stale = false;
  const query = async (sql: string, parameters: readonly unknown[]) => {
    if (BEGINS.test(sql)) inTransaction = true;
    else if (ENDS.test(sql)) inTransaction = false;
    const name = stale ? undefined : statements.nameOf(sql);
    if (name === undefined) return client.query(sql, [...parameters]);
    try {
      return await client.query({ name, text: sql, values: [...parameters] });
    } catch (error) {
      if ((error as { code?: unknown }).code !== FEATURE_NOT_SUPPORTED) throw error;
      // A migration changed a table after this connection prepared a statement on it (a rolling upgrade): the
      // connection's statements are stale, so it runs unnamed from now on and is replaced when released.
      stale = true;
      if (inTransaction) throw error;
      return client.query(sql, [...parameters]);
    }
  };
  return {
    query: ((sqlOrCursor: unknown, parameters?: readonly unknown[]) =>
      typeof sqlOrCursor === "string"
        ? query(sqlOrCursor, parameters ?? [])
        : client.query(sqlOrCursor as pg.Submittable)) as unknown as PostgresPoolClient["query"],
    release: (destroy?: boolean) => client.release(destroy === true || stale),
  };
}

/** The pool Kysely's PostgreSQL dialect gets: `pool` whose clients name their statements. */
export function withNamedStatements(pool: pg.Pool): PostgresPool {
  const statements = new NamedStatements();
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let named = wrapped.get(client);
      if (!named) {
        named = namedClient(client, statements);
        wrapped.set(client, named);
      }
      return named;
    },
    end: () => pool.end(),
  };
}

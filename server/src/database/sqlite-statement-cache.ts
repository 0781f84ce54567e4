import type { Database, Statement } from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/**
 * Kysely prepares every query anew, and SQLite compiles the SQL on each prepare: for the short, repeated queries
 * of request handling (token, user, groups) that compilation costs more than running them. This wrapper reuses a
 * prepared statement per SQL text (bounded, least recently used evicted). A statement that is still being
 * iterated (a streamed query) is busy and cannot run twice, so such a call gets a fresh statement.
 */
export function withStatementCache(connection: Database, capacity = 500): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = connection.prepare(sql);
      if (!cached) {
        if (statements.size >= capacity) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      connection.close();
    },
  };
}

import {
  InsertQueryNode,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from "kysely";

const OUTBOX_TABLE = "outbox_events";

function appendsToOutbox(query: CompiledQuery): boolean {
  return InsertQueryNode.is(query.query) && query.query.into?.table.identifier.name === OUTBOX_TABLE;
}

/** A connection that remembers whether its open transaction inserted into the outbox. */
class WatchedConnection implements DatabaseConnection {
  inTransaction = false;
  appended = false;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly committed: () => void,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(query);
    if (appendsToOutbox(query)) {
      if (this.inTransaction) this.appended = true;
      else this.committed();
    }
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

function unwrap(connection: DatabaseConnection): WatchedConnection {
  if (connection instanceof WatchedConnection) return connection;
  throw new Error("a connection of another driver was passed to the outbox-watching driver");
}

/**
 * Wraps a dialect so that `committed` is called right after a transaction that appended events to the outbox
 * commits (or after an append outside a transaction). This is the in-process "new events" signal: it fires after
 * the commit, so whoever it wakes can read the events, and it costs nothing when nobody appends.
 */
export function watchOutboxCommits(dialect: Dialect, committed: () => void): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver(): Driver {
      const inner = dialect.createDriver();
      const driver: Driver = {
        init: () => inner.init(),
        destroy: () => inner.destroy(),
        async acquireConnection() {
          return new WatchedConnection(await inner.acquireConnection(), committed);
        },
        releaseConnection: (connection) => inner.releaseConnection(unwrap(connection).inner),
        async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
          const watched = unwrap(connection);
          await inner.beginTransaction(watched.inner, settings);
          watched.inTransaction = true;
          watched.appended = false;
        },
        async commitTransaction(connection) {
          const watched = unwrap(connection);
          try {
            await inner.commitTransaction(watched.inner);
          } finally {
            watched.inTransaction = false;
          }
          if (watched.appended) {
            watched.appended = false;
            committed();
          }
        },
        async rollbackTransaction(connection) {
          const watched = unwrap(connection);
          watched.inTransaction = false;
          watched.appended = false;
          await inner.rollbackTransaction(watched.inner);
        },
      };
      const savepoint = inner.savepoint?.bind(inner);
      const rollbackToSavepoint = inner.rollbackToSavepoint?.bind(inner);
      const releaseSavepoint = inner.releaseSavepoint?.bind(inner);
      if (savepoint)
        driver.savepoint = (connection, name, compile) => savepoint(unwrap(connection).inner, name, compile);
      if (rollbackToSavepoint)
        driver.rollbackToSavepoint = (connection, name, compile) =>
          rollbackToSavepoint(unwrap(connection).inner, name, compile);
      if (releaseSavepoint)
        driver.releaseSavepoint = (connection, name, compile) =>
          releaseSavepoint(unwrap(connection).inner, name, compile);
      return driver;
    },
  };
}

import {
  CompiledQuery,
  InsertQueryNode,
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

/** The SQL of the stand-in statement for an append deferred to commit; never sent to a database. */
const DEFERRED_APPEND_SQL = "/* outbox append, deferred to commit */";
const deferredAppends = new WeakMap<CompiledQuery, CompiledQuery>();

/**
 * Wraps an insert into the outbox so that a connection that defers appends (PostgreSQL, see
 * {@link OutboxCommitOptions.orderedAppend}) runs it at commit instead of now. Execute the result in the
 * transaction of the change.
 */
export function deferToCommit(insert: CompiledQuery): CompiledQuery {
  const stand = CompiledQuery.raw(DEFERRED_APPEND_SQL);
  deferredAppends.set(stand, insert);
  return stand;
}

export interface OutboxCommitOptions {
  /**
   * Turns a transaction's deferred appends ({@link deferToCommit}), in order, into the one statement that orders
   * and inserts them (`event-log/commit-order.ts`). When given, such appends wait until commit and run then, right
   * before the commit.
   */
  readonly orderedAppend?: (appends: readonly CompiledQuery[]) => CompiledQuery;
}

/** A connection that remembers whether its open transaction inserted into the outbox. */
class WatchedConnection implements DatabaseConnection {
  inTransaction = false;
  appended = false;
  /** Appends deferred to the commit of the open transaction, in order. */
  deferred: CompiledQuery[] = [];
  /** Length of {@link deferred} when each open savepoint was made. */
  readonly savepoints = new Map<string, number>();

  constructor(
    readonly inner: DatabaseConnection,
    private readonly committed: () => void,
    private readonly options: OutboxCommitOptions,
  ) {}

  /** Runs the deferred appends, if any, after the ordering statement; the caller commits next. */
  async flushDeferred(): Promise<void> {
    if (this.deferred.length === 0) return;
    const { orderedAppend } = this.options;
    const appends = this.deferred;
    this.deferred = [];
    if (orderedAppend) await this.inner.executeQuery(orderedAppend(appends));
    else for (const append of appends) await this.inner.executeQuery(append);
    this.appended = true;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const deferred = deferredAppends.get(query);
    if (deferred) {
      if (this.inTransaction && this.options.orderedAppend) {
        this.deferred.push(deferred);
        return { rows: [] };
      }
      return this.executeQuery<R>(deferred);
    }
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
export function watchOutboxCommits(
  dialect: Dialect,
  committed: () => void,
  options: OutboxCommitOptions = {},
): Dialect {
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
          return new WatchedConnection(await inner.acquireConnection(), committed, options);
        },
        releaseConnection: (connection) => inner.releaseConnection(unwrap(connection).inner),
        async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
          const watched = unwrap(connection);
          await inner.beginTransaction(watched.inner, settings);
          watched.inTransaction = true;
          watched.appended = false;
          watched.deferred = [];
          watched.savepoints.clear();
        },
        async commitTransaction(connection) {
          const watched = unwrap(connection);
          // A failing append fails the commit; Kysely then rolls the transaction back.
          await watched.flushDeferred();
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
          watched.deferred = [];
          await inner.rollbackTransaction(watched.inner);
        },
      };
      const savepoint = inner.savepoint?.bind(inner);
      const rollbackToSavepoint = inner.rollbackToSavepoint?.bind(inner);
      const releaseSavepoint = inner.releaseSavepoint?.bind(inner);
      if (savepoint)
        driver.savepoint = (connection, name, compile) => {
          const watched = unwrap(connection);
          watched.savepoints.set(name, watched.deferred.length);
          return savepoint(watched.inner, name, compile);
        };
      if (rollbackToSavepoint)
        driver.rollbackToSavepoint = (connection, name, compile) => {
          const watched = unwrap(connection);
          watched.deferred.length = watched.savepoints.get(name) ?? watched.deferred.length;
          return rollbackToSavepoint(watched.inner, name, compile);
        };
      if (releaseSavepoint)
        driver.releaseSavepoint = (connection, name, compile) =>
          releaseSavepoint(unwrap(connection).inner, name, compile);
      return driver;
    },
  };
}

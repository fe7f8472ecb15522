/**
 * The one query layer every repository talks to (issue 21): the same SQL runs
 * on the embedded SQLite file (`sqlite-client.ts`, the default) and on
 * PostgreSQL (`postgres-client.ts`, with PROCHECK_DATABASE_URL).
 *
 * Why not a query builder: procheck's SQL is small and hand-tuned (partial
 * indexes, upserts, a recursive chain, streamed exports). Both engines speak
 * the subset we use — `?` placeholders (turned into `$1…` for PostgreSQL),
 * `INSERT … RETURNING`, `ON CONFLICT … DO NOTHING / DO UPDATE`, `coalesce`,
 * `WITH RECURSIVE` — so one string serves both. Where a statement really
 * differs, a repository asks `client.dialect`.
 *
 * Values: text, numbers (PostgreSQL's bigint and numeric arrive as JS numbers),
 * null, and bytes (BLOB / bytea, arriving as a Buffer). Booleans are stored as
 * 0/1 integers on both engines; JSON as text; times as ISO-8601 text.
 */
export type SqlParam = string | number | null | Uint8Array;
export type Dialect = 'sqlite' | 'postgres';

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface TransactionOptions {
  /**
   * Must survive a power cut before the promise resolves (submitted results,
   * erasures). SQLite: commits at synchronous=FULL, grouped with the durable
   * transactions queued beside it (one fsync for all). PostgreSQL: every
   * commit is durable (synchronous_commit=on).
   */
  durable?: boolean;
}

export interface SqlQueries {
  readonly dialect: Dialect;
  /** Every row the statement answers. */
  all<R>(sql: string, params?: readonly SqlParam[]): Promise<R[]>;
  /** The first row, or undefined. */
  get<R>(sql: string, params?: readonly SqlParam[]): Promise<R | undefined>;
  /** A statement that answers no rows. */
  run(sql: string, params?: readonly SqlParam[]): Promise<RunResult>;
  /** Several statements without parameters (schema scripts). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back
   * when it throws. Inside, use only `tx` — the outer client waits until the
   * transaction has ended. Nested calls become savepoints.
   */
  transaction<T>(work: (tx: SqlQueries) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

/** Reads from one consistent snapshot of the database, for exports; writers are never blocked. */
export interface SnapshotReader {
  all<R>(sql: string, params?: readonly SqlParam[]): Promise<R[]>;
  /**
   * Rows as value arrays (column order of the SELECT), in batches of about
   * `batchSize`, through a cursor: an export of any size in constant memory.
   * Breaking out of the loop stops the query.
   */
  iterateRaw<R extends unknown[]>(sql: string, params?: readonly SqlParam[], batchSize?: number): AsyncIterable<R[]>;
  /** Ends the snapshot and gives its connection back. Safe to call twice. */
  close(): Promise<void>;
}

export interface SqlClient extends SqlQueries {
  /** A read-only snapshot on a connection of its own; close it when done. */
  snapshot(): Promise<SnapshotReader>;
  /**
   * Runs `work` at most once across every instance sharing the database at a
   * time (PostgreSQL: an advisory lock; SQLite has one process). Answers
   * `{ ran: false }` when another instance holds the lock.
   */
  exclusively<T>(lockName: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /** Commits whatever durable transactions are queued (before closing). */
  flush(): Promise<void>;
  /** Flushes, then closes the file or the pool. */
  close(): Promise<void>;
  /** Where the data lives, without a password: for the log. */
  describe(): string;
}

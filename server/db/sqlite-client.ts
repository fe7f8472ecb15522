/**
 * The SqlClient over the embedded SQLite file (better-sqlite3, synchronous).
 *
 * One connection serves the whole process. A statement outside a transaction
 * runs at once, synchronously, behind a promise. A transaction holds the
 * connection from BEGIN to COMMIT while its work awaits; statements from
 * elsewhere queue behind it (otherwise they would run inside it), in order.
 *
 * Durable transactions are committed in groups (issue 21, point 5): a submit
 * must survive a power cut, so it commits at synchronous=FULL — one fsync of
 * the log, which costs far more than the write. Durable transactions queued in
 * one event-loop turn run together, each in its own savepoint, in one
 * transaction at FULL: one fsync for all. Each settles only after that commit
 * has returned, so nothing is acknowledged before it is durable. One failing
 * is rolled back alone; should the batch fail as a whole (its commit, or an
 * error that aborts the transaction, such as a full disk), each is tried again
 * alone. Autosaves and everything else commit at NORMAL (see open-database.ts).
 */
import Database from 'better-sqlite3';
import { openDatabase } from './open-database.ts';
import type { RunResult, SnapshotReader, SqlClient, SqlParam, SqlQueries, TransactionOptions } from './sql-client.ts';

export interface SqliteClient extends SqlClient {
  readonly dialect: 'sqlite';
  /** The connection itself, for what only SQLite has: online backup, pragmas, migrations. */
  readonly db: Database.Database;
  readonly file: string;
}

export interface SqliteClientOptions {
  file: string;
  onBackup?: (file: string) => void;
  /** The most durable transactions one commit takes; the rest wait for the next. */
  maxBatch?: number;
  /** Told the size of every durable batch after it committed (benchmarks, tests). */
  onBatch?: (size: number) => void;
}

interface QueuedDurable {
  work: (tx: SqlQueries) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export async function openSqliteClient(options: SqliteClientOptions): Promise<SqliteClient> {
  const db = await openDatabase({ file: options.file, onBackup: options.onBackup });
  return createSqliteClient(db, options);
}

/** Wraps an open, migrated connection. */
export function createSqliteClient(db: Database.Database, { file, maxBatch = 256, onBatch }: Omit<SqliteClientOptions, 'onBackup'>): SqliteClient {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const all = <R>(sql: string, params: readonly SqlParam[] = []): R[] => {
    const statement = prepared(sql);
    if (statement.reader) return statement.all(...params) as R[];
    statement.run(...params);
    return [];
  };
  const get = <R>(sql: string, params: readonly SqlParam[] = []): R | undefined => {
    const statement = prepared(sql);
    if (statement.reader) return statement.get(...params) as R | undefined;
    statement.run(...params);
    return undefined;
  };
  const run = (sql: string, params: readonly SqlParam[] = []): RunResult => ({ changes: prepared(sql).run(...params).changes });

  // The connection's owner while a transaction (or a :memory: snapshot) is open; the rest wait in line.
  let held = false;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> | void => {
    if (!held) {
      held = true;
      return;
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else held = false;
  };
  const whenFree = async <T>(statement: () => T): Promise<T> => {
    if (!held) return statement();
    await acquire();
    try {
      return statement();
    } finally {
      release();
    }
  };

  let savepoints = 0;
  /** The view a transaction's work gets: statements run at once (the transaction holds the connection). */
  const inside: SqlQueries = {
    dialect: 'sqlite',
    all: async (sql, params) => all(sql, params),
    get: async (sql, params) => get(sql, params),
    run: async (sql, params) => run(sql, params),
    exec: async (sql) => void db.exec(sql),
    transaction: (work) => inSavepoint(work),
  };
  async function inSavepoint<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T> {
    const name = `sp${++savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const value = await work(inside);
      db.exec(`RELEASE ${name}`);
      return value;
    } catch (error) {
      // An error that made SQLite roll back the whole transaction leaves no savepoint to go back to.
      if (db.inTransaction) db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    }
  }
  /** BEGIN IMMEDIATE … COMMIT around work; the caller holds the connection. */
  async function whole<T>(work: (tx: SqlQueries) => Promise<T>, durable: boolean): Promise<T> {
    if (durable) db.pragma('synchronous = FULL');
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const value = await work(inside);
        db.exec('COMMIT');
        return value;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      if (durable) db.pragma('synchronous = NORMAL');
    }
  }
  /** Runs work while holding the connection. */
  async function holding<T>(work: () => Promise<T>): Promise<T> {
    await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  let queue: QueuedDurable[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  let flushing: Promise<void> | null = null;
  const settle = (queued: QueuedDurable, outcome: Outcome) => (outcome.ok ? queued.resolve(outcome.value) : queued.reject(outcome.error));
  const attempt = async (work: () => Promise<unknown>): Promise<Outcome> => {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      return { ok: false, error };
    }
  };
  async function commitBatch(batch: QueuedDurable[]): Promise<void> {
    let outcomes: Outcome[] | null = null;
    try {
      outcomes = await whole(async () => {
        const results: Outcome[] = [];
        for (const queued of batch) {
          // A write after one that made SQLite roll back everything would commit on its own, then again when retried.
          if (!db.inTransaction) throw new Error('the batch transaction was rolled back');
          results.push(await attempt(() => inSavepoint(queued.work)));
        }
        return results;
      }, true);
    } catch {
      // The batch failed as a whole: nothing of it is stored, so each gets its own chance.
      outcomes = [];
      for (const queued of batch) outcomes.push(await attempt(() => whole(queued.work, true)));
    }
    onBatch?.(batch.length);
    batch.forEach((queued, i) => settle(queued, outcomes![i]!));
  }
  async function flushQueue(): Promise<void> {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    await holding(async () => {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        await commitBatch(batch);
      }
    });
  }
  const startFlush = (): Promise<void> => {
    flushing ??= flushQueue().finally(() => {
      flushing = null;
      // Queued while this flush waited for the connection or ran: the next turn takes them.
      if (queue.length > 0) scheduled ??= setImmediate(startFlush);
    });
    return flushing;
  };

  const running = new Set<string>();
  let closed = false;

  const client: SqliteClient = {
    dialect: 'sqlite',
    db,
    file,
    all: (sql, params) => whenFree(() => all(sql, params)),
    get: (sql, params) => whenFree(() => get(sql, params)),
    run: (sql, params) => whenFree(() => run(sql, params)),
    exec: (sql) => whenFree(() => void db.exec(sql)),
    transaction<T>(work: (tx: SqlQueries) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      if (!options.durable) return holding(() => whole(work, false));
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        scheduled ??= setImmediate(startFlush);
      });
    },
    snapshot: () => openSnapshot(),
    async exclusively(lockName, work) {
      // One process owns the file: the lock only keeps this process from overlapping itself.
      if (running.has(lockName)) return { ran: false };
      running.add(lockName);
      try {
        return { ran: true, value: await work() };
      } finally {
        running.delete(lockName);
      }
    },
    async flush() {
      while (queue.length > 0 || flushing) await startFlush();
    },
    async close() {
      if (closed) return;
      await client.flush();
      await holding(async () => {
        closed = true;
        if (db.open) db.close();
      });
    },
    describe: () => `sqlite:${file}`,
  };

  async function openSnapshot(): Promise<SnapshotReader> {
    if (file === ':memory:') return sameConnectionSnapshot();
    // A read-only connection of its own in one read transaction: writers go on (WAL), the reader sees one moment.
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get(); // the snapshot starts at the first read
    let open = true;
    return {
      all: async (sql, params = []) => reader.prepare(sql).all(...params) as never[],
      iterateRaw: (sql, params = [], batchSize = 1000) => batches(reader.prepare(sql).raw().iterate(...params) as IterableIterator<never>, batchSize),
      async close() {
        if (!open) return;
        open = false;
        if (reader.inTransaction) reader.exec('COMMIT');
        reader.close();
      },
    };
  }
  /** An in-memory database has no second connection: the snapshot holds the one connection until closed. */
  async function sameConnectionSnapshot(): Promise<SnapshotReader> {
    await acquire();
    db.exec('BEGIN');
    let open = true;
    return {
      all: async (sql, params) => all(sql, params),
      iterateRaw: (sql, params = [], batchSize = 1000) => batches(db.prepare(sql).raw(true).iterate(...params) as IterableIterator<never>, batchSize),
      async close() {
        if (!open) return;
        open = false;
        if (db.inTransaction) db.exec('COMMIT');
        release();
      },
    };
  }
  return client;
}

async function* batches<R>(rows: IterableIterator<R>, batchSize: number): AsyncGenerator<R[]> {
  try {
    let batch: R[] = [];
    for (const row of rows) {
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    rows.return?.();
  }
}

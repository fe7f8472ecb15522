/**
 * The SqlClient on PostgreSQL (issue 21): a `pg` pool. Repositories write `?`
 * placeholders, turned into `$1…$n` here; bigint, numeric and boolean values
 * arrive as JS numbers, as they do from SQLite.
 *
 * Unlike SQLite's one connection, transactions run side by side on pooled
 * connections: the outer client does not wait for a transaction, so a query on
 * it inside `work` runs outside the transaction (never do that — use `tx`).
 * Snapshots and `exclusively` hold a pooled connection while they run, so a
 * pool of one would deadlock `exclusively(…, () => client.get(…))`.
 */
import pg from 'pg';
import type { Dialect, RunResult, SnapshotReader, SqlClient, SqlParam, SqlQueries, TransactionOptions } from './sql-client.ts';

export interface PostgresClientOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Pooled connections; default 10. */
  poolSize?: number;
  /**
   * An idle pooled connection failed (the server restarted, a proxy cut it):
   * the pool drops it and opens another when needed. Default: a process warning.
   */
  onConnectionError?: (error: Error) => void;
}

export const DEFAULT_POOL_SIZE = 10;
const PLACEHOLDER_CACHE_SIZE = 2000;
const DEFAULT_BATCH_SIZE = 1000;

const OID = { bool: 16, int8: 20, numeric: 1700 } as const;

/** `?` → `$n`, and how many there were. */
interface Converted {
  text: string;
  count: number;
}

/**
 * Replaces each `?` placeholder by `$1…$n`, leaving alone what is not a
 * placeholder: `?` inside '…' literals, "…" identifiers, $tag$…$tag$ bodies
 * and comments.
 */
export function convertPlaceholders(sql: string): Converted {
  let text = '';
  let count = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    let end = i + 1;
    if (c === "'" || c === '"') {
      // A doubled quote inside is an escaped quote: the scan simply closes and reopens.
      const close = sql.indexOf(c, i + 1);
      end = close === -1 ? sql.length : close + 1;
    } else if (c === '-' && next === '-') {
      const close = sql.indexOf('\n', i);
      end = close === -1 ? sql.length : close + 1;
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      end = close === -1 ? sql.length : close + 2;
    } else if (c === '$' && !/[\w$]/.test(sql[i - 1] ?? ' ')) {
      const tag = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        end = close === -1 ? sql.length : close + tag[0].length;
      }
    } else if (c === '?') {
      text += `$${++count}`;
      i++;
      continue;
    }
    text += sql.slice(i, end);
    i = end;
  }
  return { text, count };
}

/** Type parsers of this client's connections only (pg's global `types` stay untouched). */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (format !== 'binary') {
      if (oid === OID.int8) return parseInt8;
      if (oid === OID.numeric) return Number;
      // SQLite answers comparisons and EXISTS as 1/0; so does PostgreSQL here.
      if (oid === OID.bool) return (value: string) => (value === 't' ? 1 : 0);
    }
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function parseInt8(value: string): number {
  const n = Number(value);
  // Row ids and counts stay far below 2^53; a value beyond would silently lose digits.
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} does not fit a JS number`);
  return n;
}

/** The URL without its password, for the log. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.searchParams.delete('password');
    return `postgresql ${parsed.toString()}`;
  } catch {
    return 'postgresql (unparsable URL)';
  }
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/** `?` → `$n`, converted once per SQL string (repositories reuse a few hundred): an LRU cache. */
class Statements {
  private readonly cache = new Map<string, Converted>();

  convert(sql: string, params: readonly SqlParam[]): string {
    let converted = this.cache.get(sql);
    if (converted) {
      // Refresh its place: the least recently used entry is the one evicted.
      this.cache.delete(sql);
    } else {
      converted = convertPlaceholders(sql);
      if (this.cache.size >= PLACEHOLDER_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(sql, converted);
    if (converted.count !== params.length) {
      throw new RangeError(`the statement has ${converted.count} placeholders but ${params.length} values were given: ${sql.slice(0, 200)}`);
    }
    return converted.text;
  }
}

/** all/get/run/exec over one queryable (the pool, or a connection held by a transaction). */
class Queries implements SqlQueries {
  readonly dialect: Dialect = 'postgres';

  constructor(
    protected readonly target: () => Queryable,
    protected readonly statements: Statements,
    private readonly nesting: number = 0,
  ) {}

  async all<R>(sql: string, params: readonly SqlParam[] = []): Promise<R[]> {
    const result = await this.target().query(this.statements.convert(sql, params), params as SqlParam[]);
    return result.rows as R[];
  }

  async get<R>(sql: string, params: readonly SqlParam[] = []): Promise<R | undefined> {
    return (await this.all<R>(sql, params))[0];
  }

  async run(sql: string, params: readonly SqlParam[] = []): Promise<RunResult> {
    const result = await this.target().query(this.statements.convert(sql, params), params as SqlParam[]);
    return { changes: result.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    // No parameters: the simple protocol, which runs several statements in one go.
    await this.target().query(sql);
  }

  transaction<T>(work: (tx: SqlQueries) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    return this.savepoint(work);
  }

  /** Nested transactions become savepoints on the connection already held. */
  protected async savepoint<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T> {
    const connection = this.target();
    const name = `procheck_sp${this.nesting + 1}`;
    await connection.query(`SAVEPOINT ${name}`);
    const inner = new Scoped(connection, this.statements, this.nesting + 1);
    try {
      const value = await work(inner);
      inner.end();
      await connection.query(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (error) {
      inner.end();
      try {
        await connection.query(`ROLLBACK TO SAVEPOINT ${name}`);
        await connection.query(`RELEASE SAVEPOINT ${name}`);
      } catch (rollbackError) {
        // The connection broke: the enclosing transaction fails as well and closes it.
        throw new AggregateError([error, rollbackError], `rolling back to savepoint ${name} failed after: ${(error as Error).message}`);
      }
      throw error;
    }
  }
}

/** Queries on a connection that is only lent for a while: refused once the lender ends them. */
class Scoped extends Queries {
  private ended = false;

  constructor(connection: Queryable, statements: Statements, nesting: number) {
    super(() => {
      if (this.ended) throw new Error('this transaction has ended: its queries must run inside its work function');
      return connection;
    }, statements, nesting);
  }

  end(): void {
    this.ended = true;
  }
}

/**
 * A pooled connection held for a while (a transaction, a snapshot, a lock).
 * pg removes the pool's error listener from a checked-out connection, and a
 * connection that fails between two queries emits 'error': unheard, that would
 * end the process. Heard here, and the connection is closed, not reused, when
 * it goes back.
 */
class Lease {
  private failure: Error | undefined;
  private readonly listener = (error: Error) => {
    this.failure ??= error;
  };

  private constructor(readonly connection: pg.PoolClient) {
    connection.on('error', this.listener);
  }

  static async take(pool: pg.Pool): Promise<Lease> {
    return new Lease(await pool.connect());
  }

  /** Gives the connection back; with an error (or after one was heard) it is closed instead. */
  release(error?: Error): void {
    this.connection.removeListener('error', this.listener);
    this.connection.release(error ?? this.failure);
  }
}

class PostgresClient extends Queries implements SqlClient {
  private cursors = 0;
  private readonly snapshots = new Set<PostgresSnapshot>();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    statements: Statements,
    private readonly url: string,
  ) {
    super(() => pool, statements);
  }

  /** Top level: BEGIN…COMMIT on a connection of its own. `durable` needs nothing: every commit is. */
  override async transaction<T>(work: (tx: SqlQueries) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    const lease = await Lease.take(this.pool);
    const { connection } = lease;
    let broken: Error | undefined;
    const tx = new Scoped(connection, this.statements, 0);
    try {
      await connection.query('BEGIN');
      let value: T;
      try {
        value = await work(tx);
      } catch (error) {
        tx.end();
        try {
          await connection.query('ROLLBACK');
        } catch (rollbackError) {
          // Nothing was committed; the caller hears of `error`, the broken connection is closed.
          broken = rollbackError as Error;
        }
        throw error;
      }
      tx.end();
      try {
        await connection.query('COMMIT');
      } catch (error) {
        // A failed COMMIT has ended the transaction unless the connection itself broke.
        broken = error as Error;
        throw error;
      }
      return value;
    } finally {
      tx.end();
      // A connection whose state we no longer know is closed, not given to the next caller.
      lease.release(broken);
    }
  }

  async snapshot(): Promise<SnapshotReader> {
    const lease = await Lease.take(this.pool);
    try {
      // The snapshot is taken at a transaction's first query, not at BEGIN: take it now.
      await lease.connection.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1');
    } catch (error) {
      lease.release(error as Error);
      throw error;
    }
    const snapshot = new PostgresSnapshot(lease, this.statements, () => ++this.cursors, () => this.snapshots.delete(snapshot));
    this.snapshots.add(snapshot);
    return snapshot;
  }

  async exclusively<T>(lockName: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    // A session-level lock on a connection held for the whole run of `work`.
    const lease = await Lease.take(this.pool);
    const { connection } = lease;
    // Set when the connection may still hold the lock: it is then closed, which releases it.
    let broken: Error | undefined;
    try {
      let locked: boolean;
      try {
        const { rows } = await connection.query<{ locked: number }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [lockName]);
        locked = rows[0]?.locked === 1;
      } catch (error) {
        broken = error as Error;
        throw error;
      }
      if (!locked) return { ran: false };
      try {
        return { ran: true, value: await work() };
      } finally {
        try {
          await connection.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
        } catch (error) {
          broken = error as Error;
        }
      }
    } finally {
      lease.release(broken);
    }
  }

  async flush(): Promise<void> {
    // Nothing is queued: every PostgreSQL commit is durable when it returns.
  }

  /** Waits for transactions and locks in progress (pg's pool end); safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.snapshots].map((s) => s.close()));
      await this.pool.end();
    })();
    return this.closing;
  }

  describe(): string {
    return describePostgresUrl(this.url);
  }
}

class PostgresSnapshot implements SnapshotReader {
  private closed: Promise<void> | null = null;
  private readonly queries: Scoped;
  private readonly connection: pg.PoolClient;

  constructor(
    private readonly lease: Lease,
    private readonly statements: Statements,
    private readonly nextCursor: () => number,
    private readonly onClose: () => void,
  ) {
    this.connection = lease.connection;
    this.queries = new Scoped(this.connection, statements, 0);
  }

  all<R>(sql: string, params?: readonly SqlParam[]): Promise<R[]> {
    return this.queries.all<R>(sql, params);
  }

  async *iterateRaw<R extends unknown[]>(sql: string, params: readonly SqlParam[] = [], batchSize = DEFAULT_BATCH_SIZE): AsyncIterable<R[]> {
    if (this.closed) throw new Error('this snapshot is closed');
    const batch = Math.max(1, Math.floor(batchSize));
    const cursor = `procheck_c${this.nextCursor()}`;
    await this.connection.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${this.statements.convert(sql, params)}`, params as SqlParam[]);
    try {
      for (;;) {
        const { rows } = await this.connection.query<R>({ text: `FETCH ${batch} FROM ${cursor}`, rowMode: 'array' });
        if (rows.length > 0) yield rows;
        if (rows.length < batch) return;
      }
    } finally {
      // Also when the loop broke early; a closed snapshot has ended the cursor with its transaction.
      if (!this.closed) await this.connection.query(`CLOSE ${cursor}`);
    }
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      this.queries.end();
      let broken: Error | undefined;
      try {
        await this.connection.query('ROLLBACK');
      } catch (error) {
        broken = error as Error;
      }
      this.lease.release(broken);
      this.onClose();
    })();
    return this.closed;
  }
}

export async function createPostgresClient({ url, poolSize = DEFAULT_POOL_SIZE, onConnectionError }: PostgresClientOptions): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'procheck', types: typeParsers });
  pool.on('error', onConnectionError ?? ((error) => process.emitWarning(`PostgreSQL: an idle pooled connection failed: ${error.message}`)));
  try {
    // Fail at start-up, not at the first request, when the server cannot be reached.
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresClient(pool, new Statements(), url);
}

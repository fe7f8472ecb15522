/**
 * Counters kept in the database, so that every app instance on one
 * PostgreSQL database counts together and a limit holds for the whole
 * installation (issue 21, point 2): requests per route and client for
 * @fastify/rate-limit, failed attempts (logins, resume codes) for the
 * attempt limiters. Tables: migration 0110. One SQLite process keeps its
 * counts in memory instead (see attempt-limiter.ts and @fastify/rate-limit's
 * own store): faster, and nobody else could share them.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type FailureCounter, createAttemptLimiter } from '../auth/attempt-limiter.ts';
import type { SqlClient } from './sql-client.ts';

/** Old rows are swept on about one write in this many: cheap, and the tables stay small. */
const SWEEP_EVERY = 200;
/** Request windows are at most this long; rows of older windows can go. */
const LONGEST_REQUEST_WINDOW_MS = 24 * 60 * 60 * 1000;


/**
 * Failed attempts per key in a sliding window, one row per failure. `name`
 * keeps limiters apart in the one table (a login limiter and a resume-code
 * limiter may see the same client address).
 */
interface CounterOptions {
  /** Keeps limiters apart in the one table. */
  name: string;
  maxFailures: number;
  windowMs: number;
  now: () => number;
}

/** Failure counts where they must live: shared in the database on PostgreSQL, in this process's memory on SQLite. */
export function failureCounter(sql: SqlClient, options: CounterOptions): FailureCounter {
  return sql.dialect === 'postgres' ? createSharedAttemptLimiter(sql, options) : createAttemptLimiter(options);
}

export function createSharedAttemptLimiter(sql: SqlClient, { name, maxFailures, windowMs, now }: CounterOptions): FailureCounter {
  const keyOf = (key: string) => `${name}\u001f${key}`;
  // Every key of this limiter sorts between these two (the unit separator is followed by everything else).
  const [lowest, beyond] = [`${name}\u001f`, `${name}\u0020`];
  let writes = 0;
  /** The newest failures inside the window, newest first, at most `maxFailures`. */
  const recent = async (key: string) =>
    (await sql.all<{ at: number }>('SELECT at FROM attempt_failures WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?', [keyOf(key), now() - windowMs, maxFailures])).map((r) => r.at);
  return {
    async allowed(key) {
      return (await recent(key)).length < maxFailures;
    },
    async retryAfterMs(key) {
      const kept = await recent(key);
      if (kept.length < maxFailures) return 0;
      // The oldest of the newest `maxFailures` has to leave the window before another attempt is allowed.
      return Math.max(1, kept[maxFailures - 1]! + windowMs - now());
    },
    async recordFailure(key) {
      await sql.run('INSERT INTO attempt_failures (key, at) VALUES (?, ?)', [keyOf(key), now()]);
      if (++writes % SWEEP_EVERY === 0) await sql.run('DELETE FROM attempt_failures WHERE key >= ? AND key < ? AND at <= ?', [lowest, beyond, now() - windowMs]);
    },
    async reset(key) {
      await sql.run('DELETE FROM attempt_failures WHERE key = ?', [keyOf(key)]);
    },
  };
}

interface RateLimitResult {
  current: number;
  ttl: number;
}

interface RouteParams {
  timeWindow?: number | ((...args: never[]) => number);
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * A store for @fastify/rate-limit (its `store` option takes a class): fixed
 * windows, counted with one upsert per request. Each limited route gets a
 * child store whose keys carry the route, as the plugin's own store keeps a
 * map per route. `sql` is read when the first request comes in: the rate
 * limiter is registered before the database is open.
 */
export function sharedRateLimitStore(sql: () => SqlClient, now: () => number = Date.now): FastifyRateLimitStoreCtor {
  let writes = 0;
  // The plugin types `child`'s argument as the route's options; what it passes is its merged limit parameters.
  type ChildParams = Parameters<FastifyRateLimitStore['child']>[0];
  return class SharedRateLimitStore implements FastifyRateLimitStore {
    private readonly route: string;
    constructor(params: RouteParams = {}) {
      const method = params.routeInfo?.method;
      this.route = params.routeInfo?.url ? `${Array.isArray(method) ? method.join(',') : (method ?? '')} ${params.routeInfo.url}` : '';
    }
    incr(key: string, callback: (error: Error | null, result?: RateLimitResult) => void, timeWindow = 60_000): void {
      const at = now();
      const windowStart = at - (at % timeWindow);
      const client = sql();
      client
        .get<{ count: number }>(
          `INSERT INTO request_counts (key, window_start, count) VALUES (?, ?, 1)
           ON CONFLICT (key, window_start) DO UPDATE SET count = request_counts.count + 1 RETURNING count`,
          [`${this.route}\u001f${key}`, windowStart],
        )
        .then(async (row) => {
          if (++writes % SWEEP_EVERY === 0) await client.run('DELETE FROM request_counts WHERE window_start < ?', [at - LONGEST_REQUEST_WINDOW_MS]);
          callback(null, { current: row!.count, ttl: windowStart + timeWindow - at });
        })
        .catch((error: Error) => callback(error));
    }
    child(params: ChildParams): FastifyRateLimitStore {
      return new SharedRateLimitStore(params as RouteParams);
    }
  };
}

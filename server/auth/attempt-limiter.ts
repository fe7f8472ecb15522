/**
 * Counts failed attempts per key (a client address, an account) in a sliding
 * window. Kept in memory, for the one process that owns a SQLite file: a
 * restart forgets them, which only ever helps the legitimate user. Instances
 * sharing a PostgreSQL database count in it instead (db/shared-counters.ts).
 */
export interface AttemptLimiter {
  /** Whether another attempt for this key may go ahead now. */
  allowed(key: string): boolean;
  /** How long until another attempt is allowed (0: now). */
  retryAfterMs(key: string): number;
  recordFailure(key: string): void;
  reset(key: string): void;
}

/**
 * The failure counts a limit reads: this file's, in memory (one SQLite
 * process), or the database's, shared by every instance on one PostgreSQL
 * (db/shared-counters.ts), whose answers are promises.
 */
export interface FailureCounter {
  allowed(key: string): boolean | Promise<boolean>;
  retryAfterMs(key: string): number | Promise<number>;
  recordFailure(key: string): void | Promise<void>;
  reset(key: string): void | Promise<void>;
}

export function createAttemptLimiter({ maxFailures, windowMs, now }: { maxFailures: number; windowMs: number; now: () => number }): AttemptLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => {
    const cutoff = now() - windowMs;
    const kept = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  };
  return {
    allowed: (key) => recent(key).length < maxFailures,
    retryAfterMs(key) {
      const kept = recent(key);
      if (kept.length < maxFailures) return 0;
      // The attempt that has to leave the window before the count drops below the limit.
      return Math.max(1, kept[kept.length - maxFailures]! + windowMs - now());
    },
    recordFailure(key) {
      // Only the newest `maxFailures` matter: a client that keeps failing stays blocked, and its list stays short.
      failures.set(key, [...recent(key), now()].slice(-maxFailures));
      // Bound memory under a flood of distinct keys: forget the oldest.
      if (failures.size > 100_000) failures.delete(failures.keys().next().value!);
    },
    reset: (key) => void failures.delete(key),
  };
}

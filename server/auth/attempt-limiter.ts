/**
 * Counts failed attempts per key (a client address, an account) in a sliding
 * window. Kept in memory: a restart forgets them, which only ever helps the
 * legitimate user, and one procheck process serves a chamber.
 */
export interface AttemptLimiter {
  /** Whether another attempt for this key may go ahead now. */
  allowed(key: string): boolean;
  recordFailure(key: string): void;
  reset(key: string): void;
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
    recordFailure(key) {
      failures.set(key, [...recent(key), now()]);
      // Bound memory under a flood of distinct keys: forget the oldest.
      if (failures.size > 100_000) failures.delete(failures.keys().next().value!);
    },
    reset: (key) => void failures.delete(key),
  };
}

/**
 * Group commit for durable writes (issue 21, point 5). A submit must survive a
 * power cut, so it commits at synchronous=FULL — one fsync of the log, which
 * on the machines we measured costs 0.2–4 ms, far more than the write itself.
 * Writes queued while the event loop is busy (with a commit, or with the
 * requests that arrived meanwhile) are written together in one transaction at
 * FULL: one fsync for all of them. Each caller's promise settles only after
 * that commit has returned, so nothing is acknowledged before it is durable.
 *
 * One write failing must not take the others down: each runs in its own
 * savepoint, so a write that throws is rolled back alone and rejects alone.
 * Should the batch fail as a whole (its commit, or an error that aborts the
 * transaction), every write is tried again alone in its own FULL transaction.
 * Callers validate before queueing, so a failure here is exceptional.
 *
 * better-sqlite3 is synchronous: a batch blocks the event loop while it
 * commits, which is exactly when the next batch's requests queue up in the
 * kernel. Nothing waits on a timer — a batch is flushed at the end of the
 * event-loop turn in which its first write was queued (setImmediate).
 */
import type Database from 'better-sqlite3';
import { withFullSync } from './open-database.ts';

interface Queued {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** The most writes one transaction takes; the rest wait for the next turn. */
  maxBatch?: number;
  /** Told the size of every batch after it committed (benchmarks, tests). */
  onBatch?: (size: number) => void;
}

export interface GroupCommit {
  /**
   * Queues a synchronous write (no `async` inside: it runs in a transaction)
   * and settles with its value once the transaction holding it has committed
   * at synchronous=FULL, or with its error.
   */
  write<T>(write: () => T): Promise<T>;
  /** Commits whatever is queued now, synchronously (before the database closes). */
  flush(): void;
}

export function createGroupCommit(db: Database.Database, { maxBatch = 256, onBatch }: GroupCommitOptions = {}): GroupCommit {
  let queue: Queued[] = [];
  let scheduled: NodeJS.Immediate | null = null;

  // Called inside the batch's transaction, better-sqlite3 makes this a SAVEPOINT: a throw rolls back this write only.
  const inSavepoint = db.transaction((write: () => unknown) => write());
  const writeBatch = db.transaction((batch: readonly Queued[]): Outcome[] =>
    batch.map((queued) => {
      // An error SQLite answers by rolling back the whole transaction (disk full, I/O) must stop the batch here:
      // a later write would otherwise run, and commit, on its own — then again when the batch is retried.
      if (!db.inTransaction) throw new Error('the batch transaction was rolled back');
      try {
        return { ok: true, value: inSavepoint(queued.write) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
  const alone = (queued: Queued): Outcome => {
    try {
      return { ok: true, value: withFullSync(db, () => inSavepoint.immediate(queued.write)) };
    } catch (error) {
      return { ok: false, error };
    }
  };

  function flush(): void {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    while (queue.length > 0) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      let outcomes: Outcome[];
      try {
        outcomes = withFullSync(db, () => writeBatch.immediate(batch));
      } catch {
        // The batch failed as a whole (e.g. its commit): nothing of it is stored, so each write gets its own chance.
        outcomes = batch.map(alone);
      }
      onBatch?.(batch.length);
      batch.forEach((queued, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) queued.resolve(outcome.value);
        else queued.reject(outcome.error);
      });
    }
  }

  return {
    write<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
        scheduled ??= setImmediate(flush);
      });
    },
    flush,
  };
}

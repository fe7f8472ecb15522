/**
 * Sends the outbox to the server in order, one batch at a time, whenever the
 * tablet is online: at once after edits, when the browser comes back online,
 * and after failures with growing waits. A change leaves the outbox only when
 * the server has acknowledged it; on any error everything stays and is sent again
 * (the server applies a change id once, so a repeat is harmless).
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ApiResult, FailureCode } from '../../api/api-result.ts';
import type { SyncChange, SyncResult } from '../../api/scout-api.ts';
import { type OutboxEntry, RETRY_DELAYS_MS, nextBatch, retryDelay } from './outbox.ts';

export type SyncStatus =
  | { kind: 'idle' }
  /** Changes wait for a connection. */
  | { kind: 'offline' }
  | { kind: 'syncing' }
  /** The server or the network failed; the next attempt is scheduled. */
  | { kind: 'retrying'; attempt: number }
  /** The session ended: nothing is sent until the scout logs in again. */
  | { kind: 'login-required' }
  /** The server refused the batch (400/409): kept, retried rarely, shown to the scout. */
  | { kind: 'rejected'; attempt: number; code: FailureCode };

export interface Timers {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

export interface SyncLoopOptions {
  outbox(): Promise<OutboxEntry[]>;
  acknowledge(entries: readonly OutboxEntry[]): Promise<void>;
  send(changes: SyncChange[]): Promise<ApiResult<{ results: SyncResult[] }>>;
  /** The logged-in scout: only their changes are sent. */
  userId(): string | null;
  online(): boolean;
  timers: Timers;
  /** After each acknowledged batch. */
  onSynced?(entries: readonly OutboxEntry[], results: readonly SyncResult[]): Promise<void> | void;
  /** When the outbox of the scout is empty after a run. */
  onDrained?(): Promise<void> | void;
  onLoginRequired?(): void;
  delaysMs?: readonly number[];
}

export interface SyncLoop {
  status: ReadonlySignal<SyncStatus>;
  /** Sequence numbers being sent right now: those changes must not be merged into. */
  inFlight: ReadonlySet<number>;
  /** Sync now (or as soon as the current run ends). */
  kick(): void;
  dispose(): void;
}

const isTransient = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

export function createSyncLoop(options: SyncLoopOptions): SyncLoop {
  const delays = options.delaysMs ?? RETRY_DELAYS_MS;
  const status = signal<SyncStatus>({ kind: 'idle' });
  const inFlight = new Set<number>();
  let running = false;
  let again = false;
  let attempt = 0;
  let timer: number | null = null;
  let disposed = false;

  const schedule = (ms: number) => {
    if (timer !== null) options.timers.clearTimeout(timer);
    timer = options.timers.setTimeout(() => {
      timer = null;
      kick();
    }, ms);
  };

  async function runOnce(): Promise<void> {
    for (;;) {
      const user = options.userId();
      if (!user || disposed) return;
      const batch = nextBatch(await options.outbox(), user);
      if (batch.length === 0) {
        attempt = 0;
        status.value = { kind: 'idle' };
        await options.onDrained?.();
        return;
      }
      if (!options.online()) {
        status.value = { kind: 'offline' };
        return;
      }
      status.value = { kind: 'syncing' };
      for (const entry of batch) inFlight.add(entry.seq);
      let response: ApiResult<{ results: SyncResult[] }>;
      try {
        response = await options.send(batch.map((entry) => entry.change));
      } finally {
        inFlight.clear();
      }
      if (disposed) return;
      if (response.ok) {
        attempt = 0;
        await options.acknowledge(batch);
        await options.onSynced?.(batch, response.value.results);
        continue;
      }
      const { failure } = response;
      // A wrong CSRF token means the session behind it is gone or replaced: as good as logged out.
      if (failure.status === 401 || failure.code === 'auth.csrf-missing') {
        status.value = { kind: 'login-required' };
        options.onLoginRequired?.();
        return;
      }
      attempt += 1;
      if (isTransient(failure.status)) {
        status.value = options.online() ? { kind: 'retrying', attempt } : { kind: 'offline' };
      } else {
        status.value = { kind: 'rejected', attempt, code: failure.code };
      }
      // Refused batches are retried too (a server update may take them), but only at the longest wait.
      schedule(isTransient(failure.status) ? retryDelay(attempt, delays) : delays[delays.length - 1]!);
      return;
    }
  }

  function kick(): void {
    if (disposed) return;
    if (running) {
      again = true;
      return;
    }
    if (timer !== null) {
      options.timers.clearTimeout(timer);
      timer = null;
    }
    running = true;
    void runOnce()
      .catch(() => {
        // Storage failed (quota, a closed database): nothing was removed; try again later.
        attempt += 1;
        status.value = { kind: 'retrying', attempt };
        schedule(retryDelay(attempt, delays));
      })
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  return {
    status,
    inFlight,
    kick,
    dispose() {
      disposed = true;
      if (timer !== null) options.timers.clearTimeout(timer);
    },
  };
}

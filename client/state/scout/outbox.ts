/**
 * The tablet's outbox: every edit becomes a `SyncChange` with a fresh client
 * id, the device's next sequence number and a clock that never goes back.
 * Pure functions; the storage writes what they decide in one transaction.
 */
import type { HybridClock } from '../../../api/visits.ts';
import type { SyncChange, SyncSet } from '../../api/scout-api.ts';

/** What an edit says; the outbox adds identity, order and time. */
export type ChangeBody = Pick<SyncChange, 'create' | 'set' | 'submit'>;

export interface OutboxEntry {
  /** The change's `seq`: the outbox is sent in this order. */
  seq: number;
  /** Whose session may send it: a change is only ever synced by the scout who made it. */
  userId: string;
  change: SyncChange;
}

/** The device's counters, kept with the outbox. */
export interface DeviceCounter {
  deviceId: string;
  /** The next sequence number. */
  seq: number;
  /** The last `at` handed out (ISO), or null. */
  at: string | null;
  /** The last hybrid clock handed out or seen from the server (absent on tablets from before it). */
  clock?: HybridClock | null;
  /** The server's clock minus this device's, from the last sync or login (ms). */
  offsetMs?: number;
}

/**
 * `at` for a new change: now, but at least one millisecond after the last one.
 * A tablet's clock may be set back (or be wrong until it sees a network);
 * the server orders writes by `at` first, so it must never decrease on one device.
 */
export function nextAt(last: string | null, now: Date): string {
  const previous = last === null ? Number.NEGATIVE_INFINITY : Date.parse(last);
  return new Date(Math.max(now.getTime(), previous + 1)).toISOString();
}

/**
 * The hybrid logical clock of a new change: the device clock corrected by the
 * server's (so a tablet whose clock is wrong still orders its edits by real
 * time), never going back, the counter telling apart edits in one millisecond.
 * The server orders writes to the same field by it, not by `at`.
 */
export function nextClock(counter: Pick<DeviceCounter, 'clock' | 'offsetMs'>, now: Date): HybridClock {
  const physical = now.getTime() + (counter.offsetMs ?? 0);
  const last = counter.clock ? Date.parse(counter.clock.wall) : Number.NEGATIVE_INFINITY;
  if (physical > last) return { wall: new Date(physical).toISOString(), counter: 0 };
  return { wall: counter.clock!.wall, counter: counter.clock!.counter + 1 };
}

/**
 * What a server's clock teaches the device: the offset of its own clock, and
 * (a receive event of the hybrid clock) that no later edit may be stamped
 * before the server's time. `serverTime` comes from the Date header (whole
 * seconds), so the middle of its second is taken.
 */
export function observeServerTime(counter: DeviceCounter, serverTime: string, localMs: number): DeviceCounter {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return counter;
  const estimate = server % 1000 === 0 ? server + 500 : server;
  const last = counter.clock ? Date.parse(counter.clock.wall) : Number.NEGATIVE_INFINITY;
  const clock = server > last ? { wall: new Date(server).toISOString(), counter: 0 } : (counter.clock ?? null);
  return { ...counter, clock, offsetMs: estimate - localMs };
}

const PARTS = ['profile', 'answers', 'relevance', 'notes'] as const;

const keysOf = (set: SyncSet): string[] => PARTS.flatMap((part) => Object.keys(set[part] ?? {}).map((key) => `${part}.${key}`));

/**
 * Whether `body` may replace the unsent last change of its visit instead of
 * queueing a new one: a note typed letter by letter, or an answer changed
 * twice, becomes one change. Only edits of the same fields merge, so the
 * waiting count still means "edits", and never a change that is being sent
 * (the server may already hold it under its id) or a submit.
 */
export function canMerge(tail: OutboxEntry | null, body: ChangeBody, inFlight: ReadonlySet<number>): tail is OutboxEntry {
  if (!tail || inFlight.has(tail.seq) || tail.change.submit || body.submit) return false;
  const previous = tail.change;
  if (body.create) return previous.create !== undefined && previous.set === undefined && body.set === undefined;
  if (!body.set || previous.create || !previous.set) return false;
  const before = new Set(keysOf(previous.set));
  return keysOf(body.set).every((key) => before.has(key));
}

/** `later` on top of `earlier`, part by part. */
export function mergeSets(earlier: SyncSet, later: SyncSet): SyncSet {
  const merged: SyncSet = {};
  for (const part of PARTS) {
    if (earlier[part] || later[part]) Object.assign(merged, { [part]: { ...earlier[part], ...later[part] } });
  }
  return merged;
}

export interface QueueInput {
  tail: OutboxEntry | null;
  body: ChangeBody;
  counter: DeviceCounter;
  inFlight: ReadonlySet<number>;
  visit: { id: string; questionnaireId: string; version: string };
  userId: string;
  now: Date;
  newId: () => string;
}

export interface QueueDecision {
  entry: OutboxEntry;
  /** The merged-away tail, to delete. */
  replaces: number | null;
  counter: DeviceCounter;
}

/** The entry an edit adds to the outbox (with a fresh id, seq and `at` even when it merges). */
export function queueChange({ tail, body, counter, inFlight, visit, userId, now, newId }: QueueInput): QueueDecision {
  const merge = canMerge(tail, body, inFlight);
  const content: ChangeBody = merge
    ? body.create
      ? { create: body.create }
      : { set: mergeSets(tail.change.set ?? {}, body.set ?? {}) }
    : body;
  const at = nextAt(counter.at, now);
  const hlc = nextClock(counter, now);
  const change: SyncChange = {
    changeId: newId(),
    visitId: visit.id,
    questionnaireId: visit.questionnaireId,
    version: visit.version,
    deviceId: counter.deviceId,
    seq: counter.seq,
    at,
    hlc,
    ...content,
  };
  return {
    entry: { seq: counter.seq, userId, change },
    replaces: merge ? tail.seq : null,
    counter: { ...counter, seq: counter.seq + 1, at, clock: hlc },
  };
}

// The server takes up to 500 changes and 2 MiB per request; 100 stays well inside both even with long notes.
export const BATCH_SIZE = 100;

/** The next batch to send: the user's oldest changes, in order. */
export function nextBatch(outbox: readonly OutboxEntry[], userId: string, size = BATCH_SIZE): OutboxEntry[] {
  return outbox
    .filter((entry) => entry.userId === userId)
    .sort((a, b) => a.seq - b.seq)
    .slice(0, size);
}

/** Waiting changes per visit. */
export function pendingByVisit(outbox: readonly OutboxEntry[], userId: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { userId: owner, change } of outbox) if (owner === userId) counts[change.visitId] = (counts[change.visitId] ?? 0) + 1;
  return counts;
}

/** Retry waits after failed syncs: quick at first, then once a minute. */
export const RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 30_000, 60_000];

export const retryDelay = (attempt: number, delays: readonly number[] = RETRY_DELAYS_MS): number =>
  delays[Math.min(Math.max(attempt, 1), delays.length) - 1]!;

/**
 * The sync loop against an in-memory outbox and a scripted server: order,
 * acknowledgement, and that no error of any kind ever removes a change.
 */
import { describe, expect, it } from 'vitest';
import type { ApiResult, FailureCode } from '../../client/api/api-result.ts';
import type { SyncChange, SyncResult } from '../../client/api/scout-api.ts';
import { type DeviceCounter, type OutboxEntry, queueChange } from '../../client/state/scout/outbox.ts';
import { type SyncLoopOptions, createSyncLoop } from '../../client/state/scout/sync-loop.ts';
import { mergeVisitLists, type LocalVisit } from '../../client/state/scout/visit-records.ts';

const VISIT = { id: '6f1c8a3e-2b4d-4c5e-9f60-7a8b9c0d1e2f', questionnaireId: 'handwerk-digital', version: '1.0.0' };
type Reply = ApiResult<{ results: SyncResult[]; serverTime: string | null }>;

function outboxOf(count: number, userId = 'scout-1', from = 0): OutboxEntry[] {
  let counter: DeviceCounter = { deviceId: 'tablet-test', seq: from, at: null };
  const entries: OutboxEntry[] = [];
  for (let i = 0; i < count; i++) {
    const decision = queueChange({
      tail: null,
      body: { set: { answers: { [`q${i}`]: 'ja' } } },
      counter,
      inFlight: new Set(),
      visit: VISIT,
      userId,
      now: new Date('2026-11-23T09:00:00Z'),
      newId: () => crypto.randomUUID(),
    });
    entries.push(decision.entry);
    counter = decision.counter;
  }
  return entries;
}

const ok = (changes: SyncChange[]): Reply => ({ ok: true, value: { results: changes.map((c) => ({ changeId: c.changeId, visitId: c.visitId, applied: true })), serverTime: null } });
const fail = (status: number, code: FailureCode = status === 0 ? 'client.offline' : 'internal'): Reply => ({
  ok: false,
  failure: { status, code, detail: 'failed', errors: [], retryAfter: null },
});

/** A loop whose server answers from a script (then ok), with timers the test fires by hand. */
function harness(initial: OutboxEntry[], script: ((changes: SyncChange[]) => Reply)[] = [], overrides: Partial<SyncLoopOptions> = {}) {
  let stored = [...initial];
  const sent: SyncChange[][] = [];
  const timers = new Map<number, { ms: number; callback: () => void }>();
  let handles = 0;
  let online = true;
  let loginRequired = 0;
  const loop = createSyncLoop({
    outbox: async () => [...stored],
    acknowledge: async (entries) => {
      const done = new Set(entries.map((e) => e.seq));
      stored = stored.filter((e) => !done.has(e.seq));
    },
    send: async (changes) => {
      sent.push(changes);
      return (script.shift() ?? ok)(changes);
    },
    userId: () => 'scout-1',
    online: () => online,
    timers: {
      setTimeout: (callback, ms) => {
        timers.set(++handles, { ms, callback });
        return handles;
      },
      clearTimeout: (handle) => timers.delete(handle),
    },
    onLoginRequired: () => loginRequired++,
    delaysMs: [10, 20, 40],
    ...overrides,
  });
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return {
    loop,
    sent,
    stored: () => stored,
    add: (entries: OutboxEntry[]) => (stored = [...stored, ...entries]),
    timers,
    fireTimers: () => {
      const due = [...timers.values()];
      timers.clear();
      for (const timer of due) timer.callback();
    },
    setOnline: (value: boolean) => (online = value),
    loginRequired: () => loginRequired,
    settle,
  };
}

describe('createSyncLoop', () => {
  it('sends the outbox in order in batches of 100 and removes each change once acknowledged', async () => {
    const h = harness(outboxOf(250));
    h.loop.kick();
    await h.settle();
    expect(h.sent.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(h.sent.flat().map((c) => c.seq)).toEqual([...Array(250).keys()]);
    expect(h.stored()).toEqual([]);
    expect(h.loop.status.value).toEqual({ kind: 'idle' });
  });

  it('when the network fails, keeps everything and retries with growing waits until it gets through', async () => {
    const outbox = outboxOf(3);
    const h = harness(outbox, [() => fail(0), () => fail(503)]);
    h.loop.kick();
    await h.settle();
    expect(h.stored()).toEqual(outbox);
    expect(h.loop.status.value).toEqual({ kind: 'retrying', attempt: 1 });
    expect([...h.timers.values()].map((t) => t.ms)).toEqual([10]);
    h.fireTimers();
    await h.settle();
    expect(h.stored()).toEqual(outbox);
    expect([...h.timers.values()].map((t) => t.ms)).toEqual([20]);
    h.fireTimers();
    await h.settle();
    expect(h.stored()).toEqual([]);
    // The same changes, the same ids, every time: the server applies each once.
    expect(h.sent.map((batch) => batch.map((c) => c.changeId))).toEqual(Array(3).fill(outbox.map((e) => e.change.changeId)));
  });

  it('while offline sends nothing, and sends when kicked online', async () => {
    const h = harness(outboxOf(2));
    h.setOnline(false);
    h.loop.kick();
    await h.settle();
    expect(h.sent).toEqual([]);
    expect(h.loop.status.value).toEqual({ kind: 'offline' });
    h.setOnline(true);
    h.loop.kick();
    await h.settle();
    expect(h.stored()).toEqual([]);
  });

  it('when the session has ended, keeps everything, asks for a login and does not retry by itself', async () => {
    const outbox = outboxOf(2);
    for (const reply of [fail(401, 'auth.login-required'), fail(403, 'auth.csrf-missing')]) {
      const h = harness(outbox, [() => reply]);
      h.loop.kick();
      await h.settle();
      expect(h.stored()).toEqual(outbox);
      expect(h.loop.status.value).toEqual({ kind: 'login-required' });
      expect(h.loginRequired()).toBe(1);
      expect(h.timers.size).toBe(0);
    }
  });

  it('when the server refuses the batch, keeps it, says so and tries again only at the longest wait', async () => {
    const outbox = outboxOf(2);
    const h = harness(outbox, [() => fail(409, 'sync.change-conflict')]);
    h.loop.kick();
    await h.settle();
    expect(h.stored()).toEqual(outbox);
    expect(h.loop.status.value).toMatchObject({ kind: 'rejected', attempt: 1 });
    expect([...h.timers.values()].map((t) => t.ms)).toEqual([40]);
  });

  it('sends only the logged-in scout’s changes', async () => {
    const mine = outboxOf(2);
    const theirs = outboxOf(2, 'scout-2', 10);
    const h = harness([...mine, ...theirs]);
    h.loop.kick();
    await h.settle();
    expect(h.sent.flat().map((c) => c.seq)).toEqual([0, 1]);
    expect(h.stored()).toEqual(theirs);
  });

  it('marks the batch being sent as in flight, and sends changes added meanwhile right after', async () => {
    let inFlightDuringSend: number[] = [];
    const later = outboxOf(1, 'scout-1', 5);
    const h = harness(outboxOf(2), [
      (changes) => {
        inFlightDuringSend = [...h.loop.inFlight];
        h.add(later);
        h.loop.kick();
        return ok(changes);
      },
    ]);
    h.loop.kick();
    await h.settle();
    expect(inFlightDuringSend).toEqual([0, 1]);
    expect([...h.loop.inFlight]).toEqual([]);
    expect(h.sent.map((batch) => batch.map((c) => c.seq))).toEqual([[0, 1], [5]]);
    expect(h.stored()).toEqual([]);
  });
});

describe('mergeVisitLists', () => {
  const local = (id: string, changes: Partial<LocalVisit> = {}): LocalVisit => ({
    id,
    userId: 'scout-1',
    questionnaireId: 'handwerk-digital',
    version: '1.0.0',
    resumeCode: 'X',
    visitDate: '2026-11-20',
    business: { name: `Betrieb ${id}`, trade: 'holz-kunststoff', employees: '5-9', postcode: '46236' },
    answers: {},
    relevance: {},
    notes: {},
    status: 'draft',
    localResult: null,
    score: null,
    createdAt: '2026-11-20T08:00:00Z',
    updatedAt: '2026-11-20T08:00:00Z',
    acknowledged: false,
    cleared: false,
    ...changes,
  });
  const remote = (id: string, status: 'draft' | 'submitted', visitDate: string) => ({
    id,
    businessName: `Server ${id}`,
    contactPerson: null,
    visitDate,
    trade: 'lebensmittel',
    status,
    submitRequested: status === 'submitted',
    progress: { answered: 10, total: 50, percent: 20 },
    scout: null,
    updatedAt: '2026-11-20T09:00:00Z',
  });

  it('lists never-synced, waiting and synced visits from both sides, newest visit first', () => {
    const items = mergeVisitLists(
      [local('a', { visitDate: '2026-11-23' }), local('b', { acknowledged: true }), local('c', { status: 'submitting', acknowledged: true })],
      [remote('b', 'draft', '2026-11-20'), remote('c', 'submitted', '2026-11-20'), remote('d', 'submitted', '2026-11-01')],
      { a: 3, b: 2 },
    );
    expect(items.map((i) => [i.id, i.status, i.sync, i.pending, i.local])).toEqual([
      ['a', 'draft', 'local-only', 3, true],
      ['b', 'draft', 'waiting', 2, true],
      ['c', 'submitted', 'synced', 0, true],
      ['d', 'submitted', 'synced', 0, false],
    ]);
  });

  it('offline (no server list) still tells a visit the server knows from one it has never seen', () => {
    const items = mergeVisitLists([local('a'), local('b', { acknowledged: true })], null, { a: 1, b: 1 });
    expect(items.map((i) => i.sync).sort()).toEqual(['local-only', 'waiting']);
  });
});

/**
 * The tablet's outbox as pure functions: identity, order and time of each
 * change, which edits merge into the unsent last change of their visit, and
 * what a sync batch holds.
 */
import { describe, expect, it } from 'vitest';
import type { SyncChange } from '../../client/api/scout-api.ts';
import {
  type ChangeBody,
  type DeviceCounter,
  type OutboxEntry,
  canMerge,
  nextAt,
  nextBatch,
  nextClock,
  observeServerTime,
  pendingByVisit,
  queueChange,
  retryDelay,
} from '../../client/state/scout/outbox.ts';
import { SyncChange as SyncChangeSchema } from '../../api/visits.ts';

const VISIT = { id: '6f1c8a3e-2b4d-4c5e-9f60-7a8b9c0d1e2f', questionnaireId: 'handwerk-digital', version: '1.0.0' };
const OTHER = { ...VISIT, id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
const NOW = new Date('2026-11-23T09:00:00.000Z');

let ids = 0;
const newId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
const start: DeviceCounter = { deviceId: 'tablet-test', seq: 0, at: null };

/** Queues edits one after another, as the storage does, and returns the outbox. */
function queueAll(edits: { body: ChangeBody; visit?: typeof VISIT; inFlight?: number[] }[], now = NOW) {
  let counter = start;
  let outbox: OutboxEntry[] = [];
  for (const { body, visit = VISIT, inFlight = [] } of edits) {
    const tail = [...outbox].reverse().find((e) => e.change.visitId === visit.id) ?? null;
    const decision = queueChange({ tail, body, counter, inFlight: new Set(inFlight), visit, userId: 'user-1', now, newId });
    outbox = outbox.filter((e) => e.seq !== decision.replaces).concat(decision.entry);
    counter = decision.counter;
  }
  return { outbox, counter };
}

const create: ChangeBody = { create: { resumeCode: 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-3456', visitDate: '2026-11-23', business: { name: 'Tischlerei', trade: 'holz-kunststoff', employees: '5-9', postcode: '46236' } } };
const answer = (id: string, value: string | null): ChangeBody => ({ set: { answers: { [id]: value } } });
const note = (text: string): ChangeBody => ({ set: { notes: { strategie: text } } });

describe('nextAt', () => {
  it.each([
    ['no earlier change', null, NOW, '2026-11-23T09:00:00.000Z'],
    ['the clock moved on', '2026-11-23T08:59:00.000Z', NOW, '2026-11-23T09:00:00.000Z'],
    ['the same millisecond', '2026-11-23T09:00:00.000Z', NOW, '2026-11-23T09:00:00.001Z'],
    ['the clock was set back', '2026-11-24T10:00:00.000Z', NOW, '2026-11-24T10:00:00.001Z'],
  ])('when %s, never goes back', (_, last, now, expected) => {
    expect(nextAt(last, now)).toBe(expected);
  });
});

describe('the hybrid clock', () => {
  it.each([
    ['the first change', {}, NOW, { wall: '2026-11-23T09:00:00.000Z', counter: 0 }],
    ['the clock moved on', { clock: { wall: '2026-11-23T08:00:00.000Z', counter: 4 } }, NOW, { wall: '2026-11-23T09:00:00.000Z', counter: 0 }],
    ['the same millisecond', { clock: { wall: '2026-11-23T09:00:00.000Z', counter: 4 } }, NOW, { wall: '2026-11-23T09:00:00.000Z', counter: 5 }],
    ['the clock was set back', { clock: { wall: '2026-11-24T10:00:00.000Z', counter: 0 } }, NOW, { wall: '2026-11-24T10:00:00.000Z', counter: 1 }],
    ['a clock an hour slow, corrected by the server', { offsetMs: 3_600_000 }, NOW, { wall: '2026-11-23T10:00:00.000Z', counter: 0 }],
  ])('when %s, never goes back', (_, counter, now, expected) => {
    expect(nextClock(counter, now)).toEqual(expected);
  });

  it('learns the server’s clock: the offset of a clock a year fast, and never stamps before the server’s time', () => {
    const fast = new Date('2027-11-23T09:00:00.000Z');
    // The Date header names whole seconds: the middle of the second is the best guess.
    const corrected = observeServerTime(start, 'Mon, 23 Nov 2026 09:00:00 GMT', fast.getTime());
    expect(corrected.offsetMs).toBe(Date.parse('2026-11-23T09:00:00.500Z') - fast.getTime());
    expect(nextClock(corrected, new Date(fast.getTime() + 60_000))).toEqual({ wall: '2026-11-23T09:01:00.500Z', counter: 0 });
    const slowDevice = observeServerTime({ ...start, clock: { wall: '2026-11-23T08:00:00.000Z', counter: 0 } }, '2026-11-23T09:30:00.250Z', NOW.getTime());
    expect(slowDevice.clock).toEqual({ wall: '2026-11-23T09:30:00.250Z', counter: 0 });
    expect(observeServerTime(start, 'not a date', NOW.getTime())).toBe(start);
  });

  it('stamps every queued change, merged ones included, with a clock that only grows', () => {
    const { outbox, counter } = queueAll([{ body: create }, { body: note('a') }, { body: note('ab') }, { body: answer('q1', 'ja') }]);
    const clocks = outbox.map((e) => e.change.hlc!);
    expect(clocks.map((c) => `${c.wall}/${c.counter}`)).toEqual(['2026-11-23T09:00:00.000Z/0', '2026-11-23T09:00:00.000Z/2', '2026-11-23T09:00:00.000Z/3']);
    expect(counter.clock).toEqual(clocks.at(-1));
  });
});

describe('queueChange', () => {
  it('gives every change a fresh id, the next sequence number and a later time, and the server accepts its shape', () => {
    const { outbox, counter } = queueAll([{ body: create }, { body: answer('q1', 'ja') }, { body: note('Erste Notiz') }]);
    expect(outbox.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(new Set(outbox.map((e) => e.change.changeId)).size).toBe(3);
    const times = outbox.map((e) => Date.parse(e.change.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(3);
    expect(counter).toMatchObject({ seq: 3, at: outbox[2]!.change.at });
    for (const { change } of outbox) expect(SyncChangeSchema.safeParse(change).success).toBe(true);
  });

  it('merges a note typed letter by letter into one change that carries the whole text', () => {
    const { outbox } = queueAll([{ body: create }, ...['W', 'We', 'Web', 'Website fehlt'].map((text) => ({ body: note(text) }))]);
    expect(outbox).toHaveLength(2);
    expect(outbox[1]!.change.set).toEqual({ notes: { strategie: 'Website fehlt' } });
    // Moved to the end with a new identity: a merged change is a new change.
    expect(outbox[1]!.seq).toBe(4);
  });

  it('keeps edits of different fields apart, so the waiting count means edits', () => {
    const { outbox } = queueAll([{ body: answer('q1', 'ja') }, { body: answer('q2', 'nein') }, { body: answer('q1', 'nein') }]);
    expect(outbox.map((e) => e.change.set)).toEqual([{ answers: { q1: 'ja' } }, { answers: { q2: 'nein' } }, { answers: { q1: 'nein' } }]);
  });

  it('merges a changed answer into its unsent change, clearing included', () => {
    const { outbox } = queueAll([{ body: answer('q1', 'ja') }, { body: answer('q1', null) }]);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.change.set).toEqual({ answers: { q1: null } });
  });

  it('never merges into a change that is being sent, nor into or with a submit', () => {
    const submit: ChangeBody = { set: { profile: {}, answers: { q1: 'ja' } }, submit: true };
    const sending = queueAll([{ body: note('a') }, { body: note('ab'), inFlight: [0] }]).outbox;
    expect(sending).toHaveLength(2);
    const afterSubmit = queueAll([{ body: submit }, { body: { set: { answers: { q1: 'ja' } } } }]).outbox;
    expect(afterSubmit).toHaveLength(2);
    expect(afterSubmit[0]!.change.submit).toBe(true);
    const submitAfter = queueAll([{ body: answer('q1', 'ja') }, { body: submit }]).outbox;
    expect(submitAfter).toHaveLength(2);
  });

  it('merges corrections of the business details into the unsent create, but never a create into a set', () => {
    const corrected: ChangeBody = { create: { ...create.create!, business: { ...create.create!.business, name: 'Tischlerei Muster' } } };
    const { outbox } = queueAll([{ body: create }, { body: corrected }]);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.change.create!.business.name).toBe('Tischlerei Muster');
    expect(queueAll([{ body: note('x') }, { body: corrected }]).outbox).toHaveLength(2);
  });

  it('only looks at the last change of the same visit', () => {
    const { outbox } = queueAll([{ body: note('a') }, { body: note('b'), visit: OTHER }, { body: note('ab') }]);
    expect(outbox.map((e) => [e.change.visitId, e.change.set])).toEqual([
      [OTHER.id, { notes: { strategie: 'b' } }],
      [VISIT.id, { notes: { strategie: 'ab' } }],
    ]);
  });
});

describe('canMerge', () => {
  const entry = (change: Partial<SyncChange>): OutboxEntry => ({ seq: 7, userId: 'u', change: { ...queueAll([{ body: note('x') }]).outbox[0]!.change, ...change } });
  it.each<[string, OutboxEntry | null, ChangeBody, boolean]>([
    ['no tail', null, note('x'), false],
    ['same note', entry({}), note('xy'), true],
    ['a note and an answer', entry({}), { set: { notes: { strategie: 'x' }, answers: { q: 'ja' } } }, false],
    ['the tail is a create', entry({ create: create.create, set: undefined }), note('x'), false],
  ])('%s → %s', (_, tail, body, expected) => {
    expect(canMerge(tail, body, new Set())).toBe(expected);
  });
});

describe('nextBatch and pendingByVisit', () => {
  it('sends the user’s oldest changes in order, and counts what waits per visit', () => {
    const { outbox } = queueAll([{ body: note('a') }, { body: answer('q1', 'ja'), visit: OTHER }, { body: answer('q2', 'ja') }]);
    const foreign: OutboxEntry = { ...outbox[1]!, seq: 99, userId: 'user-2' };
    const shuffled = [outbox[2]!, foreign, outbox[0]!, outbox[1]!];
    expect(nextBatch(shuffled, 'user-1').map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(nextBatch(shuffled, 'user-1', 2).map((e) => e.seq)).toEqual([0, 1]);
    expect(pendingByVisit(shuffled, 'user-1')).toEqual({ [VISIT.id]: 2, [OTHER.id]: 1 });
  });
});

describe('retryDelay', () => {
  it('grows with each failure and stays at the longest wait', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => retryDelay(n, [1, 2, 4]))).toEqual([1, 2, 4, 4, 4, 4, 4]);
  });
});

/**
 * Order and bounded growth of the tablets' sync: writes to one field are
 * ordered by the hybrid logical clock, capped at the server's clock on
 * receipt (a tablet whose clock runs fast does not win); the ledger is
 * pruned after the offline window, replays inside it still answer the same,
 * and neither an old change nor a late one for an erased visit brings
 * anything back. A clock the test moves, real SQLite.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HybridClock, SyncChange } from '../../api/visits.ts';
import { RESUME_ALPHABET } from '../../server/assessments/resume-code.ts';
import { type LoggedIn, loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = handwerkDigital();
const set = completeAnswerSet(prepared, 'middling');
const weak = completeAnswerSet(prepared, 'weak');
const [q0] = prepared.questions
  .filter(({ question }) => !question.visibleIf && JSON.stringify(weak.answers[question.id]) !== JSON.stringify(set.answers[question.id]) && Object.hasOwn(weak.answers, question.id))
  .map(({ question }) => question.id) as [string];
const dimension = prepared.definition.dimensions[0]!.id;
const business = { name: 'Tischlerei Uhrwerk', trade: set.profile.trade!, employees: set.profile.employees!, postcode: set.profile.postcode! };

const DAY = 86_400_000;
const START = Date.parse('2026-11-23T10:00:00.000Z');
let clock = START;
let t: TestApp;
let scout: LoggedIn;

beforeAll(async () => {
  // Sessions that outlive the months this test moves through.
  t = await createTestApp({ now: () => new Date(clock), syncWindowDays: 30, sessionPolicy: { idleMs: 1000 * DAY, absoluteMs: 1000 * DAY } });
  scout = await loggedInAs(t.app, 'scout');
});
afterAll(async () => t.close());

function resumeCode(): string {
  let code = '';
  while (code.length < 28) {
    const byte = crypto.getRandomValues(new Uint8Array(1))[0]!;
    if (byte < 248) code += RESUME_ALPHABET[byte % RESUME_ALPHABET.length];
  }
  return code.match(/.{4}/g)!.join('-');
}

/** A change as a tablet makes it: `at` from its own clock, `hlc` as given (or none, like tablets from before the hybrid clock). */
function change(visitId: string, deviceId: string, seq: number, at: number, body: Pick<SyncChange, 'create' | 'set'>, hlc?: HybridClock): SyncChange {
  return { changeId: randomUUID(), visitId, questionnaireId: 'handwerk-digital', version: '1.0.0', deviceId, seq, at: new Date(at).toISOString(), ...(hlc ? { hlc } : {}), ...body };
}
const hlcAt = (ms: number, counter = 0): HybridClock => ({ wall: new Date(ms).toISOString(), counter });
const createBody = (): Pick<SyncChange, 'create'> => ({ create: { resumeCode: resumeCode(), visitDate: '2026-11-23', business } });
const answer = (value: unknown): Pick<SyncChange, 'set'> => ({ set: { answers: { [q0]: value as never } } });

const sync = (changes: SyncChange[]) => t.app.inject({ method: 'POST', url: '/api/sync', headers: scout.headers, payload: { changes } });
const visit = async (id: string) => (await t.app.inject({ url: `/api/visits/${id}`, headers: { cookie: scout.cookie } })).json();
const count = async (sql: string, params: string[] = []) => (await t.app.sql.get<{ n: number }>(sql, params))!.n;
const ledger = (visitId: string) => count('SELECT count(*) AS n FROM sync_changes WHERE visit_id = ?', [visitId]);

/** A visit created by one tablet now. */
async function newVisit(): Promise<string> {
  const id = randomUUID();
  expect((await sync([change(id, 'tablet-owner', 0, clock, createBody(), hlcAt(clock))])).statusCode).toBe(200);
  return id;
}

describe('ordering writes to the same field', () => {
  it('when a tablet’s clock runs a year fast, a later edit from a tablet with a right clock still wins', async () => {
    clock = START;
    const id = await newVisit();
    const fast = START + 365 * DAY;
    // The fast tablet never corrected its clock: `at` and the hybrid clock both say next year.
    expect((await sync([change(id, 'tablet-fast', 0, fast, answer(weak.answers[q0]), hlcAt(fast))])).statusCode).toBe(200);
    clock = START + 5 * 60_000;
    expect((await sync([change(id, 'tablet-right', 0, clock, answer(set.answers[q0]), hlcAt(clock))])).statusCode).toBe(200);
    expect((await visit(id)).answers[q0]).toEqual(set.answers[q0]);
  });

  it('so does it for tablets from before the hybrid clock, ordered by `at` capped at receipt', async () => {
    clock = START;
    const id = await newVisit();
    await sync([change(id, 'old-fast', 0, START + 365 * DAY, answer(weak.answers[q0]))]);
    clock = START + 60_000;
    await sync([change(id, 'old-right', 0, clock, answer(set.answers[q0]))]);
    expect((await visit(id)).answers[q0]).toEqual(set.answers[q0]);
  });

  it('orders by the hybrid clock, not by arrival: the later edit wins even when it is synced first', async () => {
    clock = START + DAY;
    const id = await newVisit();
    const earlier = change(id, 'tablet-a', 0, clock - 10 * 60_000, answer(weak.answers[q0]), hlcAt(clock - 10 * 60_000));
    const later = change(id, 'tablet-b', 0, clock - 5 * 60_000, answer(set.answers[q0]), hlcAt(clock - 5 * 60_000));
    await sync([later]);
    await sync([earlier]);
    expect((await visit(id)).answers[q0]).toEqual(set.answers[q0]);
  });

  it('within one millisecond, the hybrid counter decides, whatever the tablets’ own `at` says', async () => {
    clock = START + DAY;
    const id = await newVisit();
    const ms = clock - 60_000;
    // Tablet z's own clock says later, and its device id sorts later too: only the counter says a was later.
    const a = change(id, 'tablet-a', 5, ms - 30_000, answer(set.answers[q0]), hlcAt(ms, 2));
    const z = change(id, 'tablet-z', 5, ms + 30_000, answer(weak.answers[q0]), hlcAt(ms, 1));
    await sync([a, z]);
    expect((await visit(id)).answers[q0]).toEqual(set.answers[q0]);
  });
});

describe('the sync window', () => {
  it('inside the window a replay answers the same bytes and applies nothing; after it the ledger is pruned and an old change is not applied', async () => {
    clock = START + 2 * DAY;
    const id = await newVisit();
    const note = change(id, 'tablet-owner', 1, clock, { set: { notes: { [dimension]: 'Erste Notiz' } } }, hlcAt(clock));
    const first = await sync([note]);
    expect(first.json()).toEqual({ results: [{ changeId: note.changeId, visitId: id, applied: true }] });

    clock += 29 * DAY;
    const replay = await sync([note]);
    expect(replay.body).toBe(first.body);
    expect(await ledger(id)).toBe(2);

    // Past the window: the start-up pruning (also every six hours) forgets the ledger.
    clock += 2 * DAY;
    await (await t.restart({ now: () => new Date(clock), syncWindowDays: 30 })).ready();
    expect(await ledger(id)).toBe(0);
    const late = await sync([note]);
    expect(late.json()).toEqual({ results: [{ changeId: note.changeId, visitId: id, applied: false, reason: 'expired' }] });
    expect((await visit(id)).notes).toEqual({ [dimension]: 'Erste Notiz' });
    // A new edit of the same visit goes through as ever.
    const fresh = change(id, 'tablet-owner', 2, clock, { set: { notes: { [dimension]: 'Zweite Notiz' } } }, hlcAt(clock));
    expect((await sync([fresh])).json().results[0]).toMatchObject({ applied: true });
    expect((await visit(id)).notes).toEqual({ [dimension]: 'Zweite Notiz' });
  });

  it('a change made longer ago than the window is answered as expired and creates no visit', async () => {
    clock = START + 40 * DAY;
    const id = randomUUID();
    const old = change(id, 'tablet-drawer', 0, clock - 31 * DAY, createBody(), hlcAt(clock - 31 * DAY));
    expect((await sync([old])).json()).toEqual({ results: [{ changeId: old.changeId, visitId: id, applied: false, reason: 'expired' }] });
    expect((await t.app.inject({ url: `/api/visits/${id}`, headers: { cookie: scout.cookie } })).statusCode).toBe(404);
  });

  it('a late change for an erased visit does not bring it back, even after the ledger forgot the visit', async () => {
    clock = START + 50 * DAY;
    const id = await newVisit();
    const admin = await loggedInAs(t.app, 'admin');
    clock += 20 * DAY;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/assessments/${id}`, headers: admin.headers })).statusCode).toBe(204);
    clock += 15 * DAY;
    await (await t.restart({ now: () => new Date(clock), syncWindowDays: 30 })).ready();
    expect(await ledger(id)).toBe(0);
    const late = change(id, 'tablet-owner', 9, clock, { set: { notes: { [dimension]: 'Zu spät' } } }, hlcAt(clock));
    expect((await sync([late])).json()).toEqual({ results: [{ changeId: late.changeId, visitId: id, applied: false, reason: 'visit-erased' }] });
    expect((await t.app.inject({ url: `/api/visits/${id}`, headers: { cookie: scout.cookie } })).statusCode).toBe(404);
    // The memory of the erasure is bounded too: it goes with the window.
    clock += 31 * DAY;
    await (await t.restart({ now: () => new Date(clock), syncWindowDays: 30 })).ready();
    expect(await count('SELECT count(*) AS n FROM erased_visits WHERE visit_id = ?', [id])).toBe(0);
  });

  it('stays as large as the window however many changes pass through it', async () => {
    clock = START + 200 * DAY;
    await (await t.restart({ now: () => new Date(clock), syncWindowDays: 30 })).ready();
    const sizes: number[] = [];
    for (let week = 0; week < 12; week++) {
      const id = randomUUID();
      const changes = Array.from({ length: 20 }, (_, i) => change(id, 'tablet-busy', week * 20 + i, clock, i === 0 ? createBody() : { set: { notes: { [dimension]: `Notiz ${i}` } } }, hlcAt(clock, i)));
      expect((await sync(changes)).statusCode).toBe(200);
      clock += 7 * DAY;
      await t.app.visits.pruneLedger();
      sizes.push(await count('SELECT count(*) AS n FROM sync_changes'));
    }
    // Five weeks of 20 changes fit in 30 days; never more, however long it runs.
    expect(Math.max(...sizes.slice(5))).toBeLessThanOrEqual(5 * 20);
    expect(sizes.at(-1)).toBe(sizes[6]);
  });
});

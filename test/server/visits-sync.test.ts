/**
 * Process scouts' visits and the tablets' offline sync: every change applied
 * exactly once however often and in whatever order it arrives, the whole batch
 * or nothing, nothing acknowledged lost across a crash, notes never shown to
 * the business. Real SQLite files, sessions from real logins.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnswerValue, assess } from '../../questionnaires/engine/index.ts';
import { buildApp } from '../../server/app.ts';
import { RESUME_ALPHABET } from '../../server/assessments/resume-code.ts';
import type { SyncChange } from '../../api/visits.ts';
import { type LoggedIn, PASSWORD, createUser, loggedInAs, sessionCookie } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { expectProblem, fieldsOf } from '../helpers/problems.ts';
import { FIXED_NOW, type TestApp, createTestApp } from '../helpers/test-app.ts';
import { sqliteConnection, testEngine } from '../helpers/engine.ts';

const { prepared, catalogue } = handwerkDigital();
const set = completeAnswerSet(prepared, 'middling');
const weak = completeAnswerSet(prepared, 'weak');
const answerIds = Object.keys(set.answers);
const [d0, d1] = prepared.definition.dimensions.map((d) => d.id) as [string, string];
// Questions everybody sees whose weak and middling answers differ: good for overwriting.
const [q0, q1, q2] = prepared.questions
  .filter(({ question }) => !question.visibleIf && Object.hasOwn(weak.answers, question.id) && JSON.stringify(weak.answers[question.id]) !== JSON.stringify(set.answers[question.id]))
  .map(({ question }) => question.id) as [string, string, string];
const singleQuestion = prepared.questions.find(({ question }) => question.type === 'single')!.question;
const business = { name: set.profile.companyName!, trade: set.profile.trade!, employees: set.profile.employees!, postcode: set.profile.postcode!, contactPerson: 'Petra Meier' };
const finalAnswerSet = { profile: set.profile, answers: set.answers, relevance: set.relevance };

/** As the tablet makes one: crypto.getRandomValues over the alphabet, without modulo bias. */
function tabletResumeCode(): string {
  let code = '';
  while (code.length < 28) {
    const byte = crypto.getRandomValues(new Uint8Array(1))[0]!;
    if (byte < 248) code += RESUME_ALPHABET[byte % RESUME_ALPHABET.length];
  }
  return code.match(/.{4}/g)!.join('-');
}

/** A tablet's outbox: every change gets a fresh id, the next sequence number and a later clock. */
function tablet(deviceId = `tablet-${randomUUID().slice(0, 8)}`, startMs = Date.parse('2026-11-23T09:00:00.000Z')) {
  let seq = 0;
  let clock = startMs;
  return {
    change(visitId: string, body: Pick<SyncChange, 'create' | 'set' | 'submit'> = {}): SyncChange {
      clock += 1000;
      return { changeId: randomUUID(), visitId, questionnaireId: 'handwerk-digital', version: '1.0.0', deviceId, seq: seq++, at: new Date(clock).toISOString(), ...body };
    },
  };
}

const createFor = (resumeCode: string, visitDate = '2026-11-23'): Pick<SyncChange, 'create'> => ({ create: { resumeCode, visitDate, business } });
const answersOf = (ids: string[]): Record<string, AnswerValue> => Object.fromEntries(ids.map((id) => [id, set.answers[id]!]));

const sync = (app: FastifyInstance, who: Pick<LoggedIn, 'headers'>, changes: unknown[]) =>
  app.inject({ method: 'POST', url: '/api/sync', headers: who.headers, payload: { changes } });
const getVisit = (app: FastifyInstance, who: LoggedIn, id: string) => app.inject({ url: `/api/visits/${id}`, headers: { cookie: who.cookie } });

/** A whole visit in one batch: business, every answer, a note — and the submit if asked. */
function visitBatch(options: { submit?: boolean; startMs?: number } = {}) {
  const tab = tablet(undefined, options.startMs);
  const id = randomUUID();
  const code = tabletResumeCode();
  const changes = [
    tab.change(id, createFor(code)),
    tab.change(id, { set: { answers: answersOf(answerIds.slice(0, 10)), notes: { [d0]: `Notiz zu ${id}` } } }),
    tab.change(id, { set: { answers: answersOf(answerIds.slice(10)), relevance: set.relevance } }),
    ...(options.submit ? [tab.change(id, { set: finalAnswerSet, submit: true })] : []),
  ];
  return { id, code, changes };
}

let t: TestApp;
let scout: LoggedIn;
let staff: LoggedIn;
let admin: LoggedIn;
const count = async (app: FastifyInstance, sql: string, params: string[] = []) => (await app.sql.get<{ n: number }>(sql, params))!.n;
const ledgerRows = (visitId: string) => count(t.app, 'SELECT count(*) AS n FROM sync_changes WHERE visit_id = ?', [visitId]);

beforeAll(async () => {
  t = await createTestApp();
  scout = await loggedInAs(t.app, 'scout');
  staff = await loggedInAs(t.app, 'staff');
  admin = await loggedInAs(t.app, 'admin');
});
afterAll(async () => t.close());

/** What two visits must share to be "the same state": everything but id, clocks and revision counters. */
async function comparable(id: string) {
  const response = await getVisit(t.app, scout, id);
  expect(response.statusCode).toBe(200);
  const { id: _id, createdAt: _c, updatedAt: _u, submittedAt: _s, revision: _r, ...state } = response.json();
  const result = state.status === 'submitted' ? (await t.app.inject({ url: `/api/assessments/${id}/result`, headers: { cookie: scout.cookie } })).json().result : null;
  return { state, scores: result && { overall: result.overall, dimensions: result.dimensions } };
}

describe('POST /api/sync', () => {
  it('applies a batch and answers one result per change, in order', async () => {
    const { id, changes } = visitBatch();
    const response = await sync(t.app, scout, changes);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ results: changes.map((c) => ({ changeId: c.changeId, visitId: id, applied: true })) });
    const visit = await getVisit(t.app, scout, id);
    expect(visit.json()).toMatchObject({
      id,
      channel: 'visit',
      status: 'draft',
      profile: set.profile,
      answers: set.answers,
      relevance: set.relevance,
      business: { name: business.name, contactPerson: 'Petra Meier', visitDate: '2026-11-23' },
      notes: { [d0]: `Notiz zu ${id}` },
      submitRequested: false,
      progress: { percent: 100, requiredOpen: [] },
    });
  });

  it('when the same batch is sent three times, answers the same bytes and applies it once', async () => {
    const { id, changes } = visitBatch();
    const first = await sync(t.app, scout, changes);
    const stateAfterFirst = (await getVisit(t.app, scout, id)).json();
    for (let i = 0; i < 2; i++) {
      const again = await sync(t.app, scout, changes);
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
    }
    // Not even rewritten: the revision did not move.
    expect((await getVisit(t.app, scout, id)).json()).toEqual(stateAfterFirst);
    expect(await ledgerRows(id)).toBe(changes.length);
  });

  it('when one batch is sent fifty times in parallel, applies it exactly once and answers the same each time', async () => {
    const { id, changes } = visitBatch();
    const responses = await Promise.all(Array.from({ length: 50 }, () => sync(t.app, scout, changes)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect((await getVisit(t.app, scout, id)).json()).toMatchObject({ revision: 1, answers: set.answers });
    expect(await count(t.app, 'SELECT count(*) AS n FROM assessments WHERE id = ?', [id])).toBe(1);
    expect(await ledgerRows(id)).toBe(changes.length);
  });

  it('when one batch is sent fifty times in parallel over real HTTP, applies it exactly once', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { id, changes } = visitBatch();
    const send = () =>
      fetch(`${base}/api/sync`, { method: 'POST', headers: { ...scout.headers, 'content-type': 'application/json' }, body: JSON.stringify({ changes }) }).then(async (r) => ({
        status: r.status,
        body: await r.text(),
      }));
    const responses = await Promise.all(Array.from({ length: 50 }, send));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect((await getVisit(t.app, scout, id)).json()).toMatchObject({ revision: 1, answers: set.answers });
    expect(await ledgerRows(id)).toBe(changes.length);
  });

  it('when two batches arrive in reverse order, gives exactly the state the right order gives', async () => {
    const story = (id: string, code: string) => {
      const tab = tablet('tablet-story');
      const first = [
        tab.change(id, createFor(code)),
        tab.change(id, { set: { answers: answersOf(answerIds.slice(0, 12)), notes: { [d0]: 'Erste Notiz' } } }),
        tab.change(id, { set: { answers: { [q0]: weak.answers[q0]! } } }),
      ];
      const second = [
        tab.change(id, { set: { answers: { ...answersOf(answerIds.slice(12)), [q0]: set.answers[q0]! }, notes: { [d0]: 'Zweite Notiz', [d1]: 'Website fehlt' } } }),
        tab.change(id, { set: { answers: { [q1]: null }, profile: { email: 'info@tischlerei-muster.de' } } }),
      ];
      return [first, second] as const;
    };
    const inOrder = randomUUID();
    const [a1, a2] = story(inOrder, tabletResumeCode());
    const reversed = randomUUID();
    const [b1, b2] = story(reversed, tabletResumeCode());
    for (const batch of [a1, a2, b2, b1]) expect((await sync(t.app, scout, batch)).statusCode).toBe(200);

    const expected = await comparable(inOrder);
    expect(await comparable(reversed)).toEqual(expected);
    const { [q1]: _cleared, ...answers } = set.answers;
    expect(expected.state).toMatchObject({ answers, profile: { ...set.profile, email: 'info@tischlerei-muster.de' }, notes: { [d0]: 'Zweite Notiz', [d1]: 'Website fehlt' } });
    expect(expected.state.answers).not.toHaveProperty(q1);
  });

  it('converges to one state whatever the order, batching and repetition, submit included (property)', async () => {
    // Two tablets; the second's changes tie with the first's on `at`, so the device id decides.
    const story = (id: string, code: string): SyncChange[] => {
      const a = tablet('tablet-a');
      const b = tablet('tablet-b');
      return [
        a.change(id, { set: { answers: answersOf(answerIds.slice(0, 12)), notes: { [d0]: 'Vom ersten Gerät' } } }),
        b.change(id, { set: { notes: { [d0]: 'Vom zweiten Gerät', [d1]: 'Website fehlt' } } }),
        a.change(id, createFor(code)),
        a.change(id, { set: { answers: { ...answersOf(answerIds.slice(12)), [q0]: weak.answers[q0]! }, relevance: set.relevance } }),
        a.change(id, { set: { answers: { [q1]: null } } }),
        a.change(id, { set: finalAnswerSet, submit: true }),
        // After the submit: the answer must never count, the note always does.
        a.change(id, { set: { answers: { [q2]: weak.answers[q2]! }, notes: { [d1]: 'Nach dem Absenden ergänzt' } } }),
      ];
    };
    const referenceId = randomUUID();
    expect((await sync(t.app, scout, story(referenceId, tabletResumeCode()))).statusCode).toBe(200);
    const reference = await comparable(referenceId);
    expect(reference.state).toMatchObject({ status: 'submitted', answers: set.answers, notes: { [d0]: 'Vom zweiten Gerät', [d1]: 'Nach dem Absenden ergänzt' } });

    const n = 7;
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: n + 3, maxLength: n + 3 }),
        fc.array(fc.nat({ max: n - 1 }), { maxLength: 3 }),
        async (order, sizes, repeats) => {
          const id = randomUUID();
          const steps = story(id, tabletResumeCode());
          const queue = [...order, ...repeats].map((i) => steps[i]!);
          for (const size of sizes) {
            if (queue.length === 0) break;
            const response = await sync(t.app, scout, queue.splice(0, size));
            expect(response.statusCode).toBe(200);
          }
          expect(await comparable(id)).toEqual(reference);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('when a change id comes again with other content, answers 409 naming it and applies nothing of the batch', async () => {
    const { id, changes } = visitBatch();
    await sync(t.app, scout, changes);
    const before = (await getVisit(t.app, scout, id)).json();
    const tab = tablet();
    const innocent = tab.change(id, { set: { notes: { [d1]: 'Soll nicht ankommen' } } });
    const tampered = { ...changes[1]!, set: { answers: { [q0]: weak.answers[q0]! } } };
    const response = await sync(t.app, scout, [innocent, tampered]);
    expectProblem(response, 'sync.change-conflict', {
      detail: 'a change id was synced before with other content; nothing was applied',
      errors: [{ in: 'body', pointer: '/changes/1/changeId', code: 'sync.change-conflict', message: 'was already synced with other content' }],
    });
    expect((await getVisit(t.app, scout, id)).json()).toEqual(before);
    expect(await count(t.app, 'SELECT count(*) AS n FROM sync_changes WHERE change_id = ?', [innocent.changeId])).toBe(0);
    // And it stays so: the conflict answers the same again.
    const again = await sync(t.app, scout, [innocent, tampered]);
    expect({ ...again.json(), instance: null }).toEqual({ ...response.json(), instance: null });
  });

  it('a scout cannot sync into another scout’s visit: 403 for the whole batch', async () => {
    const { id, changes } = visitBatch();
    await sync(t.app, scout, changes);
    const other = await loggedInAs(t.app, 'scout');
    const tab = tablet();
    const ownVisit = randomUUID();
    const response = await sync(t.app, other, [tab.change(ownVisit, createFor(tabletResumeCode())), tab.change(id, { set: { answers: { [q0]: weak.answers[q0]! } } })]);
    expectProblem(response, 'sync.foreign-visit', { errors: [{ in: 'body', pointer: '/changes/1/visitId', code: 'sync.foreign-visit', message: 'belongs to another user' }] });
    expect((await getVisit(t.app, scout, id)).json().answers[q0]).toEqual(set.answers[q0]);
    expect((await getVisit(t.app, other, ownVisit)).statusCode).toBe(404);
    // Nor can it claim an online check by its id.
    const online = (await t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital' } })).json();
    expect((await sync(t.app, other, [tab.change(online.id, { set: { answers: { [q0]: weak.answers[q0]! } } })])).statusCode).toBe(403);
  });

  it.each([
    ['without a session', 'auth.login-required', 'nobody'],
    ['with a scout session but no CSRF token', 'auth.csrf-missing', 'scout-cookie-only'],
    ['for staff', 'auth.role-required', 'staff'],
  ] as const)('%s answers %s', async (_case, code, who) => {
    const headers = who === 'scout-cookie-only' ? { cookie: scout.cookie } : who === 'staff' ? staff.headers : {};
    const response = await sync(t.app, { headers }, visitBatch().changes);
    expectProblem(response, code);
  });

  it('lets an admin sync too', async () => {
    const { id, changes } = visitBatch();
    expect((await sync(t.app, admin, changes)).statusCode).toBe(200);
    expect((await getVisit(t.app, admin, id)).json()).toMatchObject({ scout: { id: admin.userId } });
  });

  it('when answers, notes or the business break the questionnaire’s rules, answers 400 naming each path and stores nothing', async () => {
    const tab = tablet();
    const id = randomUUID();
    const response = await sync(t.app, scout, [
      tab.change(id, { create: { resumeCode: 'AAAA-BBBB', visitDate: '2026-11-23', business: { ...business, trade: 'raumfahrt' } } }),
      tab.change(id, { set: { answers: { [singleQuestion.id]: 'x', 'no-such-question': null }, notes: { 'no-such-dimension': 'Text' }, profile: { employees: 'tausend' } } }),
      tab.change(id, { submit: true }),
    ]);
    const body = expectProblem(response, 'sync.invalid-changes');
    expect(body.errors).toEqual(
      [
        ['/changes/0/create/resumeCode', 'sync.invalid-resume-code', 'is not a generated resume code (7 groups of 4 random characters of the resume-code alphabet, upper case)'],
        ['/changes/0/create/business/trade', 'profile.unknown-trade', 'unknown trade "raumfahrt"'],
        ['/changes/1/set/profile/employees', 'profile.unknown-employee-band', 'unknown employee band "tausend"'],
        [`/changes/1/set/answers/${singleQuestion.id}`, 'answer.unknown-option', 'unknown option "x"'],
        ['/changes/1/set/answers/no-such-question', 'answer.unknown-question', 'unknown question "no-such-question"'],
        ['/changes/1/set/notes/no-such-dimension', 'note.unknown-dimension', 'unknown dimension "no-such-dimension"'],
        ['/changes/2/set', 'sync.submit-without-answers', 'a submitting change carries the final profile and answers'],
      ].map(([pointer, code, message]) => ({ in: 'body', pointer, code, message })),
    );
    expect((await getVisit(t.app, scout, id)).statusCode).toBe(404);
    expect(await ledgerRows(id)).toBe(0);
  });

  it.each([
    ['a negative sequence number', '/changes/0/seq', { seq: -1 }],
    ['an upper-case change id', '/changes/0/changeId', { changeId: randomUUID().toUpperCase() }],
    ['a time without zone', '/changes/0/at', { at: '2026-11-23T10:00:00' }],
    ['a hybrid clock without zone', '/changes/0/hlc/wall', { hlc: { wall: '2026-11-23T10:00:00', counter: 0 } }],
    ['a device id with a bar', '/changes/0/deviceId', { deviceId: 'tablet|1' }],
    ['an unknown field', '/changes/0/extra', { extra: 1 }],
  ])('when a change has %s, answers 400 naming %s', async (_case, pointer, patch) => {
    const change = { ...tablet().change(randomUUID()), ...patch };
    const response = await sync(t.app, scout, [change]);
    expect(expectProblem(response, 'request.invalid').errors).toContainEqual(expect.objectContaining({ in: 'body', pointer }));
  });

  it('when a resume code is already in use, answers 409 and the tablet can make a new one', async () => {
    const first = visitBatch();
    await sync(t.app, scout, first.changes);
    const tab = tablet();
    const id = randomUUID();
    const response = await sync(t.app, scout, [tab.change(id, createFor(first.code))]);
    expect(fieldsOf(expectProblem(response, 'sync.resume-code-taken'))).toEqual(['body /changes/0/create/resumeCode sync.resume-code-taken']);
    expect((await sync(t.app, scout, [tab.change(id, createFor(tabletResumeCode()))])).statusCode).toBe(200);
  });

  it('after a visit was erased, a late change is acknowledged as not applied and does not bring it back', async () => {
    const { id, changes } = visitBatch();
    await sync(t.app, scout, changes);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/assessments/${id}`, headers: admin.headers })).statusCode).toBe(204);
    const late = tablet().change(id, { set: { notes: { [d0]: 'Zu spät' } } });
    const response = await sync(t.app, scout, [late]);
    expect(response.json()).toEqual({ results: [{ changeId: late.changeId, visitId: id, applied: false, reason: 'visit-erased' }] });
    expect((await getVisit(t.app, scout, id)).statusCode).toBe(404);
    expect(await count(t.app, 'SELECT count(*) AS n FROM visit_notes')).toBe(await count(t.app, 'SELECT count(*) AS n FROM visit_notes n JOIN visits v USING (assessment_row_id)'));
  });

  // SQLite's own fsync levels; on PostgreSQL every commit is durable, so there the test does not exist (rather than
  // counting as skipped, which CI reads as PostgreSQL tests not run).
  const onSqlite = testEngine() === 'sqlite' ? it : () => undefined;
  onSqlite('commits a batch with synchronous=FULL and returns to NORMAL afterwards', async () => {
    const seen: string[] = [];
    const pragma = sqliteConnection(t.app).pragma.bind(sqliteConnection(t.app));
    sqliteConnection(t.app).pragma = ((source: string, options?: { simple?: boolean }) => {
      if (source.startsWith('synchronous =')) seen.push(source);
      return pragma(source, options);
    }) as Database.Database['pragma'];
    try {
      await sync(t.app, scout, visitBatch().changes);
    } finally {
      sqliteConnection(t.app).pragma = pragma;
    }
    expect(seen).toEqual(['synchronous = FULL', 'synchronous = NORMAL']);
    expect(sqliteConnection(t.app).pragma('synchronous', { simple: true })).toBe(1);
  });
});

describe('submitting a visit offline', () => {
  it('a batch with the business, the answers and the submit stores the result the engine computes for that answer set', async () => {
    const { id, changes } = visitBatch({ submit: true });
    expect((await sync(t.app, scout, changes)).statusCode).toBe(200);
    expect((await getVisit(t.app, scout, id)).json()).toMatchObject({ status: 'submitted', submitRequested: true, submittedAt: FIXED_NOW.toISOString() });
    const stored = (await t.app.inject({ url: `/api/assessments/${id}/result`, headers: { cookie: scout.cookie } })).json();
    const expected = assess(prepared, { questionnaireId: 'handwerk-digital', version: '1.0.0', ...finalAnswerSet }, { catalogue, today: FIXED_NOW.toISOString().slice(0, 10) });
    expect(stored.result.overall).toEqual(expected.overall);
    expect(stored.result.dimensions).toEqual(expected.dimensions);
    // Everything else too, but the peer benchmark, which depends on the other checks stored.
    expect({ ...stored.result, benchmark: null }).toEqual({ ...expected, benchmark: null });
    expect(await t.app.sql.get('SELECT r.channel FROM results r JOIN assessments a ON a.row_id = r.assessment_row_id WHERE a.id = ?', [id])).toEqual({ channel: 'visit' });
  });

  it('the business later opens its result with its resume code, and sees no notes', async () => {
    const { id, code, changes } = visitBatch({ submit: true });
    await sync(t.app, scout, changes);
    const resumed = await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: code.replace(/-/g, ' ').toLowerCase() } });
    expect(resumed.json()).toEqual({ id, status: 'submitted' });
    const own = await t.app.inject({ url: `/api/assessments/${id}`, headers: { 'x-resume-code': code } });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id, status: 'submitted', channel: 'visit', answers: set.answers });
    expect(own.json()).not.toHaveProperty('notes');
    const result = await t.app.inject({ url: `/api/assessments/${id}/result`, headers: { 'x-resume-code': code } });
    expect(result.statusCode).toBe(200);
    for (const body of [own.body, result.body]) {
      expect(body).not.toContain(`Notiz zu ${id}`);
      expect(body).not.toContain('Petra Meier');
    }
  });

  it('a submit that arrives before the business details waits for them', async () => {
    const tab = tablet();
    const id = randomUUID();
    const create = tab.change(id, createFor(tabletResumeCode()));
    const submit = tab.change(id, { set: finalAnswerSet, submit: true });
    await sync(t.app, scout, [submit]);
    expect((await getVisit(t.app, scout, id)).json()).toMatchObject({ status: 'draft', submitRequested: true, business: { name: null } });
    await sync(t.app, scout, [create]);
    expect((await getVisit(t.app, scout, id)).json()).toMatchObject({ status: 'submitted', business: { name: business.name }, answers: set.answers });
  });

  it('an incomplete submit stays requested; a later complete one submits; changes after it never alter the result', async () => {
    const tab = tablet();
    const id = randomUUID();
    const partial = { ...finalAnswerSet, answers: answersOf(answerIds.slice(0, 5)) };
    await sync(t.app, scout, [tab.change(id, createFor(tabletResumeCode())), tab.change(id, { set: partial, submit: true })]);
    expect((await getVisit(t.app, scout, id)).json()).toMatchObject({ status: 'draft', submitRequested: true, answers: partial.answers });
    await sync(t.app, scout, [tab.change(id, { set: finalAnswerSet, submit: true })]);
    const submitted = (await getVisit(t.app, scout, id)).json();
    expect(submitted).toMatchObject({ status: 'submitted', answers: set.answers });
    const resultBefore = (await t.app.inject({ url: `/api/assessments/${id}/result`, headers: { cookie: scout.cookie } })).body;
    await sync(t.app, scout, [tab.change(id, { set: { answers: { [q0]: weak.answers[q0]! }, notes: { [d0]: 'Nachtrag' } } })]);
    const after = (await getVisit(t.app, scout, id)).json();
    expect(after.answers).toEqual(set.answers);
    expect(after.notes).toEqual({ [d0]: 'Nachtrag' });
    expect((await t.app.inject({ url: `/api/assessments/${id}/result`, headers: { cookie: scout.cookie } })).body).toBe(resultBefore);
  });
});

describe('GET /api/visits and /api/visits/:id', () => {
  it('lists a scout’s own visits newest first; staff see every scout’s, audited', async () => {
    const [pia, sam] = [await loggedInAs(t.app, 'scout'), await loggedInAs(t.app, 'scout')];
    const made: Record<string, string> = {};
    for (const [who, date] of [[pia, '2026-10-01'], [sam, '2026-10-02'], [pia, '2026-11-05']] as const) {
      const tab = tablet();
      const id = randomUUID();
      await sync(t.app, who, [tab.change(id, createFor(tabletResumeCode(), date)), tab.change(id, { set: { answers: answersOf(answerIds.slice(0, 3)) } })]);
      made[`${who.email}:${date}`] = id;
    }
    const piaList = await t.app.inject({ url: '/api/visits', headers: { cookie: pia.cookie } });
    expect(piaList.statusCode).toBe(200);
    expect(piaList.json().nextCursor).toBeNull();
    expect(piaList.json().items).toEqual([
      {
        id: made[`${pia.email}:2026-11-05`],
        businessName: business.name,
        contactPerson: 'Petra Meier',
        visitDate: '2026-11-05',
        trade: business.trade,
        status: 'draft',
        submitRequested: false,
        progress: { answered: expect.any(Number), total: expect.any(Number), percent: expect.any(Number) },
        scout: { id: pia.userId, name: 'Test scout' },
        updatedAt: FIXED_NOW.toISOString(),
      },
      expect.objectContaining({ id: made[`${pia.email}:2026-10-01`], visitDate: '2026-10-01' }),
    ]);
    const samList = (await t.app.inject({ url: '/api/visits', headers: { cookie: sam.cookie } })).json().items;
    expect(samList.map((v: { id: string }) => v.id)).toEqual([made[`${sam.email}:2026-10-02`]]);

    const all = (await t.app.inject({ url: '/api/visits?limit=200', headers: { cookie: staff.cookie } })).json().items as { id: string; visitDate: string | null }[];
    expect(all.map((v) => v.id)).toEqual(expect.arrayContaining(Object.values(made)));
    const dates = all.map((v) => v.visitDate).filter((d) => d !== null);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(t.app.auditLog).toBeDefined();
    expect(await count(t.app, "SELECT count(*) AS n FROM audit_log WHERE action = 'visit.list' AND actor_user_id = ?", [staff.userId])).toBeGreaterThan(0);
  });

  it('shows the notes to the scout and to staff (audited); another scout gets 403, an online check 404', async () => {
    const { id, changes } = visitBatch();
    await sync(t.app, scout, changes);
    expect((await getVisit(t.app, scout, id)).json().notes).toEqual({ [d0]: `Notiz zu ${id}` });
    const forStaff = await getVisit(t.app, staff, id);
    expect(forStaff.json()).toMatchObject({ notes: { [d0]: `Notiz zu ${id}` }, business: { contactPerson: 'Petra Meier' }, scout: { id: scout.userId } });
    expect(await count(t.app, "SELECT count(*) AS n FROM audit_log WHERE action = 'visit.view' AND subject = ?", [id])).toBe(1);
    expectProblem(await getVisit(t.app, await loggedInAs(t.app, 'scout'), id), 'assessment.other-scout');
    const online = (await t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital' } })).json();
    expectProblem(await getVisit(t.app, staff, online.id), 'visit.not-found');
    expectProblem(await t.app.inject({ url: `/api/visits/${id}` }), 'auth.login-required');
  });

  it('the scout opens the visit’s check through the assessments API with the session, without notes', async () => {
    const { id, changes } = visitBatch();
    await sync(t.app, scout, changes);
    const response = await t.app.inject({ url: `/api/assessments/${id}`, headers: { cookie: scout.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).not.toHaveProperty('notes');
  });
});

describe('the ledger', () => {
  it('keeps change ids NOT NULL and UNIQUE', async () => {
    const insert = (changeId: string | null) => t.app.sql.run("INSERT INTO sync_changes (change_id, visit_id, content_hash, response, applied_at) VALUES (?, 'v', 'h', '{}', 'x')", [changeId]);
    const id = randomUUID();
    await insert(id);
    await expect(insert(id)).rejects.toThrow(/UNIQUE|unique/);
    await expect(insert(null)).rejects.toThrow(/NOT NULL|not-null/);
    await t.app.sql.run('DELETE FROM sync_changes WHERE change_id = ?', [id]);
  });

  it('holds no resume code, only hashes', async () => {
    const rows = await t.app.sql.all<{ content_hash: string; response: string }>('SELECT content_hash, response FROM sync_changes');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.content_hash) && !/create|resumeCode/.test(r.response))).toBe(true);
  });
});

describe('a restart in the middle of a sync', () => {
  /** Every change of an acknowledged batch must be there after the restart. */
  async function expectComplete(app: FastifyInstance, who: LoggedIn, batch: ReturnType<typeof visitBatch>) {
    const visit = await getVisit(app, who, batch.id);
    expect(visit.statusCode).toBe(200);
    expect(visit.json()).toMatchObject({ answers: set.answers, relevance: set.relevance, notes: { [d0]: `Notiz zu ${batch.id}` }, business: { name: business.name } });
    expect(await count(app, 'SELECT count(*) AS n FROM sync_changes WHERE visit_id = ?', [batch.id])).toBe(batch.changes.length);
  }

  it('closing the app with batches in flight loses none it acknowledged', async () => {
    const local = await createTestApp();
    try {
      const who = await loggedInAs(local.app, 'scout');
      const base = await local.app.listen({ port: 0, host: '127.0.0.1' });
      const batches = Array.from({ length: 80 }, (_, i) => visitBatch({ submit: i % 2 === 0 }));
      const acknowledged = new Set<number>();
      const sends = batches.map(async (batch, i) => {
        try {
          const response = await fetch(`${base}/api/sync`, { method: 'POST', headers: { ...who.headers, 'content-type': 'application/json' }, body: JSON.stringify({ changes: batch.changes }) });
          if (response.status === 200) acknowledged.add(i);
        } catch {
          // Cut off before it answered: nothing was promised.
        }
      });
      while (acknowledged.size < 5) await new Promise((resolve) => setTimeout(resolve, 1));
      // Abruptly: every connection cut, answered or not, then the app (and the database) closed.
      local.app.server.closeAllConnections();
      await local.app.close();
      await Promise.allSettled(sends);
      expect(acknowledged.size).toBeGreaterThanOrEqual(5);
      expect(acknowledged.size).toBeLessThan(batches.length);
      local.app = await buildApp({ ...local.database, now: () => FIXED_NOW });
      for (const i of acknowledged) await expectComplete(local.app, who, batches[i]!);
      // The tablet sends again what was not acknowledged; everything arrives, once.
      for (const batch of batches) expect((await sync(local.app, who, batch.changes)).statusCode).toBe(200);
      for (const batch of batches) await expectComplete(local.app, who, batch);
      expect(await count(local.app, 'SELECT count(*) AS n FROM visits')).toBe(batches.length);
    } finally {
      await local.close();
    }
  });

  it('killing the server process with SIGKILL mid-sync loses nothing acknowledged, and a resend completes every visit once', async () => {
    const local = await createTestApp();
    const user = await createUser(local.app, 'scout');
    await local.app.close();
    let server = await startServerProcess(local.databaseEnv);
    try {
      const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: PASSWORD }) });
      const cookie = sessionCookie(login.headers.getSetCookie());
      const headers = { cookie, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken, 'content-type': 'application/json' };
      const post = (url: string, changes: SyncChange[]) =>
        fetch(`${url}/api/sync`, { method: 'POST', headers, body: JSON.stringify({ changes }) }).then(async (r) => ({ status: r.status, body: await r.text() }));

      // The real server runs on the real clock: the tablets' edits are an hour old, well inside the sync window.
      const batches = Array.from({ length: 120 }, (_, i) => visitBatch({ submit: i % 2 === 0, startMs: Date.now() - 3_600_000 }));
      const acknowledged = new Map<number, string>();
      const sends = batches.map(async (batch, i) => {
        try {
          const response = await post(server.url, batch.changes);
          if (response.status === 200) acknowledged.set(i, response.body);
        } catch {
          // Killed before it answered: nothing was promised, the tablet keeps the batch.
        }
      });
      while (acknowledged.size < 5) await new Promise((resolve) => setTimeout(resolve, 2));
      server.child.kill('SIGKILL');
      await server.exited;
      await Promise.allSettled(sends);
      expect(acknowledged.size).toBeLessThan(batches.length);
      expect(acknowledged.size).toBeGreaterThanOrEqual(5);
      expect(acknowledged.size).toBeLessThan(batches.length);

      if (testEngine() === 'sqlite') {
        const file = new Database(local.databaseFile, { readonly: true });
        expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
        file.close();
      }

      server = await startServerProcess(local.databaseEnv);
      const visitOf = async (id: string) => (await fetch(`${server.url}/api/visits/${id}`, { headers: { cookie } })).json() as Promise<Record<string, unknown>>;
      for (const i of acknowledged.keys()) {
        expect(await visitOf(batches[i]!.id)).toMatchObject({ answers: set.answers, notes: { [d0]: `Notiz zu ${batches[i]!.id}` } });
      }
      // The outbox sends everything again: acknowledged batches answer the same bytes, the rest arrive now.
      for (const [i, batch] of batches.entries()) {
        const response = await post(server.url, batch.changes);
        expect(response.status).toBe(200);
        if (acknowledged.has(i)) expect(response.body).toBe(acknowledged.get(i));
      }
      for (const [i, batch] of batches.entries()) {
        expect(await visitOf(batch.id)).toMatchObject({ answers: set.answers, status: i % 2 === 0 ? 'submitted' : 'draft' });
      }
      server.child.kill('SIGTERM');
      await server.exited;
      // Read back by an app of its own on the same database, whichever engine.
      const check = await buildApp({ ...local.database, now: () => FIXED_NOW });
      try {
        expect(await count(check, 'SELECT count(*) AS n FROM visits')).toBe(batches.length);
        expect(await count(check, 'SELECT count(*) AS n FROM sync_changes')).toBe(batches.reduce((sum, b) => sum + b.changes.length, 0));
      } finally {
        await check.close();
      }
    } finally {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
      rmSync(local.dir, { recursive: true, force: true });
    }
  });
});

describe('a visit outside the sync', () => {
  it('cannot be changed through PATCH or submit while it is a draft', async () => {
    const visit = visitBatch();
    expect((await sync(t.app, scout, visit.changes)).statusCode).toBe(200);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/assessments/${visit.id}`, headers: scout.headers, payload: { revision: 1, answers: {} } });
    expect(patch.statusCode).toBe(409);
    const submit = await t.app.inject({ method: 'POST', url: `/api/assessments/${visit.id}/submit`, headers: { 'x-resume-code': visit.code } });
    expect(submit.statusCode).toBe(409);
  });

  it('prints the notes in the report for the scout on request, never for the business', async () => {
    const visit = visitBatch({ submit: true });
    expect((await sync(t.app, scout, visit.changes)).statusCode).toBe(200);
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const text = (pdf: Buffer) => {
      const file = join(mkdtempSync(join(tmpdir(), 'procheck-notes-')), 'r.pdf');
      writeFileSync(file, pdf);
      return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    const forScout = await t.app.inject({ url: `/api/assessments/${visit.id}/report.pdf?notes=true`, headers: { cookie: scout.cookie } });
    expect(forScout.statusCode).toBe(200);
    expect(text(forScout.rawPayload)).toContain(`Notiz zu ${visit.id}`);
    const forBusiness = await t.app.inject({ url: `/api/assessments/${visit.id}/report.pdf?notes=true`, headers: { 'x-resume-code': visit.code } });
    expect(forBusiness.statusCode).toBe(200);
    expect(text(forBusiness.rawPayload)).not.toContain('Notiz zu');
  });

  it('is fully in the GDPR data export: business, contact person and notes', async () => {
    const visit = visitBatch();
    expect((await sync(t.app, scout, visit.changes)).statusCode).toBe(200);
    const admin = await loggedInAs(t.app, 'admin');
    const data = (await t.app.inject({ url: `/api/assessments/${visit.id}/data-export`, headers: { cookie: admin.cookie } })).json();
    expect(data.visit).toMatchObject({ business: { name: business.name, contactPerson: 'Petra Meier' }, notes: { [d0]: `Notiz zu ${visit.id}` } });
  });
});

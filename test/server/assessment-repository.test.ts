/**
 * The assessment and visit repositories on both engines (issue 21): the same
 * calls, the same answers, on the SQLite file and on a real PostgreSQL
 * database. The API tests reach these through HTTP on SQLite; here each
 * statement's SQL meets PostgreSQL too.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScoredResult, assess } from '../../questionnaires/engine/index.ts';
import { type AssessmentRepository, type Channel, createAssessmentRepository } from '../../server/db/assessment-repository.ts';
import { migratePostgres } from '../../server/db/migrate-postgres.ts';
import { createPostgresClient } from '../../server/db/postgres-client.ts';
import type { SqlClient } from '../../server/db/sql-client.ts';
import { openSqliteClient } from '../../server/db/sqlite-client.ts';
import { type VisitRepository, createVisitRepository } from '../../server/db/visit-repository.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { describeIfPostgres, freshDatabase } from '../helpers/postgres-server.ts';
import { handwerkDigital } from '../helpers/shipped.ts';

const { prepared, catalogue } = handwerkDigital();
const NOW = '2026-11-23T10:00:00.000Z';
const trade = [...prepared.tradeIds][0]!;

function scored(strength: 'weak' | 'middling' | 'strong', ofTrade = trade): ScoredResult {
  return assess(prepared, completeAnswerSet(prepared, strength, { trade: ofTrade, employees: [...prepared.employeeBandIds][0] }), { catalogue, today: NOW.slice(0, 10) });
}

function repositoryTests(open: () => Promise<{ sql: SqlClient; close: () => Promise<void> }>) {
  let sql: SqlClient;
  let close: () => Promise<void>;
  let records: AssessmentRepository;
  let visits: VisitRepository;
  beforeAll(async () => {
    ({ sql, close } = await open());
    records = createAssessmentRepository(sql);
    visits = createVisitRepository(sql);
  });
  afterAll(async () => close());

  const draft = (options: { channel?: Channel; previousRowId?: number | null; now?: string } = {}) =>
    records.insert({
      id: randomUUID(),
      resumeHash: randomUUID(),
      questionnaireId: prepared.definition.id,
      version: prepared.definition.version,
      questionnaireHash: prepared.hash,
      channel: options.channel ?? 'online',
      profile: { trade },
      previousRowId: options.previousRowId ?? null,
      now: options.now ?? NOW,
    });
  const count = async (query: string, params: (string | number)[] = []) => (await sql.get<{ n: number }>(query, params))!.n;
  const scout = async () => {
    const row = await sql.get<{ row_id: number }>(
      "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'Sabine Scout', 'scout', 'x', ?, ?) RETURNING row_id",
      [randomUUID(), `${randomUUID()}@example.org`, NOW, NOW],
    );
    return row!.row_id;
  };

  it('inserts a draft and finds it by id, row id and resume hash', async () => {
    const record = await draft();
    expect(record).toMatchObject({ status: 'draft', channel: 'online', profile: { trade }, answers: {}, relevance: {}, revision: 0, step: null, submittedAt: null, createdAt: NOW });
    expect(await records.findById(record.id)).toEqual(record);
    expect(await records.findByRowId(record.rowId)).toEqual(record);
    expect(await records.findByResumeHash(record.resumeHash)).toEqual(record);
    expect(await records.resumeHashOf(record.id)).toBe(record.resumeHash);
    expect(await records.resumeHashOf(randomUUID())).toBeUndefined();
  });

  it('writes a draft only at the expected revision, and keeps the page unless one is named', async () => {
    const record = await draft();
    const update = { profile: { trade }, answers: { q: 'a' }, relevance: { q: 3 }, expectedRevision: 0, now: NOW };
    expect(await records.updateDraft(record.rowId, { ...update, step: 'pruefen' })).toBe(true);
    expect(await records.updateDraft(record.rowId, { ...update, answers: { q: 'stale' } })).toBe(false);
    expect(await records.updateDraft(record.rowId, { ...update, expectedRevision: 1 })).toBe(true);
    expect(await records.findByRowId(record.rowId)).toMatchObject({ revision: 2, answers: { q: 'a' }, relevance: { q: 3 }, step: 'pruefen' });
    expect(await records.updateDraft(record.rowId, { ...update, expectedRevision: 2, step: null })).toBe(true);
    expect((await records.findByRowId(record.rowId))!.step).toBeNull();
  });

  it('submits once, durably, with the result, its dimensions, its demand and its facts', async () => {
    const record = await draft();
    const result = scored('middling');
    const factsBefore = await count("SELECT coalesce(sum(n), 0) AS n FROM result_facts WHERE questionnaire_id = 'handwerk-digital'");
    expect(await records.submit(record, result, NOW, ['digital-marketing'])).toBe(true);
    expect(await records.submit(record, scored('strong'), NOW)).toBe(false);
    expect(await records.findResult(record.rowId)).toEqual({ result, submittedAt: NOW });
    expect(await records.findByRowId(record.rowId)).toMatchObject({ status: 'submitted', submittedAt: NOW, revision: 1 });
    expect(await count('SELECT count(*) AS n FROM result_dimensions WHERE assessment_row_id = ?', [record.rowId])).toBe(result.dimensions.length);
    expect(await sql.get('SELECT topics FROM result_demand WHERE assessment_row_id = ?', [record.rowId])).toEqual({ topics: '["digital-marketing"]' });
    expect(await count("SELECT coalesce(sum(n), 0) AS n FROM result_facts WHERE questionnaire_id = 'handwerk-digital'")).toBe(factsBefore + 1);
    expect(await records.updateDraft(record.rowId, { profile: {}, answers: {}, relevance: {}, expectedRevision: 1, now: NOW })).toBe(false);
  });

  it('counts every one of many submits in one cell, made at the same time', async () => {
    // Without a trade: no peer_sums row to queue the submits behind each other by chance.
    const band = [...prepared.employeeBandIds].at(-1)!;
    const cell = () => count("SELECT coalesce(sum(n), 0) AS n FROM result_facts WHERE trade = '' AND employees = ?", [band]);
    const before = await cell();
    const checks = await Promise.all(Array.from({ length: 20 }, () => draft()));
    const results = checks.map((_, i) => assess(prepared, completeAnswerSet(prepared, i % 2 ? 'weak' : 'strong', { employees: band }), { catalogue, today: NOW.slice(0, 10) }));
    const outcomes = await Promise.all(checks.map((check, i) => records.submit(check, results[i]!, NOW)));
    expect(outcomes).toEqual(Array(20).fill(true));
    expect(await cell()).toBe(before + 20);
  });

  it('answers a peer benchmark from the fifth check of a trade on', async () => {
    // A trade no other test submits: the group is exactly these five.
    const own = [...prepared.tradeIds][1]!;
    const results = (['weak', 'middling', 'strong', 'weak', 'strong'] as const).map((strength) => scored(strength, own));
    for (const [i, result] of results.entries()) {
      if (i === 4) expect(await records.peerBenchmark(prepared.definition.id, own, 5)).toBeNull();
      await records.submit(await draft(), result, NOW);
    }
    const mean = (scores: number[]) => Math.round((scores.reduce((a, b) => a + b) / scores.length) * 10) / 10;
    const d0 = results[0]!.dimensions.find((d) => d.hasBasis)!.id;
    const d0Scores = results.flatMap((r) => r.dimensions.filter((d) => d.id === d0 && d.hasBasis).map((d) => d.score));
    expect(await records.peerBenchmark(prepared.definition.id, own, 5)).toMatchObject({
      trade: own,
      groupSize: 5,
      overall: mean(results.map((r) => r.overall.score)),
      dimensions: { [d0]: mean(d0Scores) },
    });
    expect(await records.peerBenchmark(prepared.definition.id, own, 6)).toBeNull();
    expect(await records.peerBenchmark(prepared.definition.id, 'no-such-trade', 1)).toBeNull();
  });

  it('walks the chain of earlier checks, nearest first', async () => {
    const first = await draft();
    const second = await draft({ previousRowId: first.rowId });
    const third = await draft({ previousRowId: second.rowId });
    expect((await records.previousChecks(third.rowId)).map((r) => r.id)).toEqual([second.id, first.id]);
    expect(await records.previousChecks(first.rowId)).toEqual([]);
  });

  it('erases a check with its result and its share of the aggregates, remembering an erased visit', async () => {
    const record = await draft({ channel: 'visit' });
    await records.submit(record, scored('weak'), NOW);
    const peers = () => count("SELECT coalesce(sum(n), 0) AS n FROM peer_sums WHERE dimension_id = ''");
    const facts = () => count('SELECT coalesce(sum(n), 0) AS n FROM result_facts');
    const [peersBefore, factsBefore] = [await peers(), await facts()];
    expect(await records.delete(record.rowId, NOW)).toBe(true);
    expect(await records.delete(record.rowId, NOW)).toBe(false);
    expect(await records.findById(record.id)).toBeUndefined();
    expect(await count('SELECT count(*) AS n FROM result_documents WHERE assessment_row_id = ?', [record.rowId])).toBe(0);
    expect([await peers(), await facts()]).toEqual([peersBefore - 1, factsBefore - 1]);
    expect(await visits.wasErased(record.id)).toBe(true);
  });

  it('deletes stale drafts only, and remembers the visits among them', async () => {
    const stale = await draft({ now: '2026-01-01T00:00:00.000Z' });
    const staleVisit = await draft({ channel: 'visit', now: '2026-01-01T00:00:00.000Z' });
    const submitted = await draft({ now: '2026-01-01T00:00:00.000Z' });
    await records.submit(submitted, scored('strong'), '2026-01-01T00:00:00.000Z');
    const fresh = await draft();
    expect(await records.deleteStaleDrafts('2026-06-01T00:00:00.000Z', NOW)).toBeGreaterThanOrEqual(2);
    expect(await records.findById(stale.id)).toBeUndefined();
    expect(await records.findById(staleVisit.id)).toBeUndefined();
    expect(await records.findById(submitted.id)).toBeDefined();
    expect(await records.findById(fresh.id)).toBeDefined();
    expect(await visits.wasErased(staleVisit.id)).toBe(true);
    expect(await visits.wasErased(stale.id)).toBe(false);
  });

  it('keeps a visit, its notes and its ledger, and lists visits a page at a time', async () => {
    const user = await scout();
    const dated = async (date: string | null) => {
      const record = await draft({ channel: 'visit' });
      const visit = await visits.insert(record.rowId, user, NOW);
      await visits.update({ ...visit, businessName: `Betrieb ${date}`, contactPerson: 'Frau Meier', visitDate: date, fieldVersions: { 'business.name': 'v1' }, submitRequested: date !== null });
      return record;
    };
    const rows = [await dated('2026-11-20'), await dated(null), await dated('2026-11-22'), await dated('2026-11-20'), await dated(null)];
    expect(await visits.find(rows[0]!.rowId)).toMatchObject({ businessName: 'Betrieb 2026-11-20', fieldVersions: { 'business.name': 'v1' }, submitRequested: true, createdAt: NOW });
    expect(await visits.describe(rows[0]!.rowId)).toMatchObject({ id: rows[0]!.id, scoutName: 'Sabine Scout', contactPerson: 'Frau Meier' });

    // Newest date first, equal dates by row id descending, visits without a date last.
    const expected = [rows[2]!, rows[3]!, rows[0]!, rows[4]!, rows[1]!].map((r) => r.id);
    const pages: string[] = [];
    let after: { visitDate: string | null; rowId: number } | null = null;
    for (;;) {
      const page = await visits.list(user, after, 2);
      pages.push(...page.map((r) => r.id));
      if (page.length < 2) break;
      after = { visitDate: page[1]!.visitDate, rowId: page[1]!.rowId };
    }
    expect(pages).toEqual(expected);
    expect((await visits.list(null, null, 1000)).map((r) => r.id)).toEqual(expect.arrayContaining(expected));

    await visits.saveNote(rows[0]!.rowId, { dimensionId: 'b', text: 'zwei', version: 'v1' });
    await visits.saveNote(rows[0]!.rowId, { dimensionId: 'a', text: 'eins', version: 'v1' });
    await visits.saveNote(rows[0]!.rowId, { dimensionId: 'a', text: null, version: 'v2' });
    expect(await visits.notes(rows[0]!.rowId)).toEqual([
      { dimensionId: 'a', text: null, version: 'v2' },
      { dimensionId: 'b', text: 'zwei', version: 'v1' },
    ]);

    const changeId = randomUUID();
    await visits.recordChange({ changeId, userRowId: user, visitId: rows[0]!.id, contentHash: 'h'.repeat(64), response: '{"applied":true}', at: '2026-01-01T00:00:00.000Z' });
    expect(await visits.findChange(changeId)).toEqual({ userRowId: user, visitId: rows[0]!.id, contentHash: 'h'.repeat(64), response: '{"applied":true}' });
    expect((await visits.prune('2026-06-01T00:00:00.000Z')).changes).toBeGreaterThanOrEqual(1);
    expect(await visits.findChange(changeId)).toBeUndefined();
  });

  it('runs a sync batch in one transaction: a failure leaves nothing of it', async () => {
    const id = randomUUID();
    const user = await scout();
    // Inside, only `tx`: the outer client would wait for this very transaction.
    const failing = visits.inBatch([], async (tx) => {
      const inside = createAssessmentRepository(tx);
      const record = await inside.insert({
        id,
        resumeHash: randomUUID(),
        questionnaireId: prepared.definition.id,
        version: prepared.definition.version,
        questionnaireHash: prepared.hash,
        channel: 'visit',
        profile: {},
        previousRowId: null,
        now: NOW,
      });
      await createVisitRepository(tx).insert(record.rowId, user, NOW);
      throw new Error('a change of another user');
    });
    await expect(failing).rejects.toThrow(/another user/);
    expect(await records.findById(id)).toBeUndefined();
    expect(await count('SELECT count(*) AS n FROM visits v JOIN assessments a ON a.row_id = v.assessment_row_id WHERE a.id = ?', [id])).toBe(0);
  });
}

describe('on SQLite', () => {
  repositoryTests(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procheck-repositories-'));
    const sql = await openSqliteClient({ file: join(dir, 'r.db') });
    return {
      sql,
      close: async () => {
        await sql.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

describeIfPostgres('on PostgreSQL', (serverUrl) => {
  repositoryTests(async () => {
    const sql = await createPostgresClient({ url: await freshDatabase(serverUrl) });
    await migratePostgres(sql);
    return { sql, close: () => sql.close() };
  });
});

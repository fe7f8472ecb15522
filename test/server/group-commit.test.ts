/**
 * Group commit of durable submits (server/db/group-commit.ts): writes queued
 * together share one transaction at synchronous=FULL, each is answered only
 * after that commit, and one failing write never takes the others down. Then
 * the same over HTTP: many parallel submits to a listening server, all of
 * them there after a restart, results still immutable.
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../server/db/group-commit.ts';
import { SYNCHRONOUS_FULL, SYNCHRONOUS_NORMAL, openDatabase } from '../../server/db/open-database.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { createAssessment, patchAssessment } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

describe('createGroupCommit', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'procheck-group-commit-'));
    db = await openDatabase({ file: join(dir, 'g.db') });
    db.exec('CREATE TABLE scratch (n INTEGER NOT NULL UNIQUE)');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const insert = (n: number) => () => db.prepare('INSERT INTO scratch (n) VALUES (?)').run(n).changes;
  const stored = () => db.prepare('SELECT n FROM scratch ORDER BY n').pluck().all();

  it('writes queued in one turn commit together, in one transaction at synchronous=FULL, and settle after it', async () => {
    const batches: number[] = [];
    const commits = createGroupCommit(db, { onBatch: (size) => batches.push(size) });
    const levels: unknown[] = [];
    const inTransaction: boolean[] = [];
    const written = Array.from({ length: 20 }, (_, n) =>
      commits.write(() => {
        levels.push(db.pragma('synchronous', { simple: true }));
        inTransaction.push(db.inTransaction);
        return insert(n)();
      }),
    );
    // Nothing is written (or acknowledged) before the turn ends.
    expect(stored()).toEqual([]);
    expect(await Promise.all(written)).toEqual(Array(20).fill(1));
    expect(batches).toEqual([20]);
    expect(levels).toEqual(Array(20).fill(SYNCHRONOUS_FULL));
    expect(inTransaction.every(Boolean)).toBe(true);
    expect(stored()).toEqual(Array.from({ length: 20 }, (_, n) => n));
    // Autosaves after it run at NORMAL again.
    expect(db.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS_NORMAL);
  });

  it('caps a transaction at maxBatch writes and commits the rest in the next', async () => {
    const batches: number[] = [];
    const commits = createGroupCommit(db, { maxBatch: 8, onBatch: (size) => batches.push(size) });
    await Promise.all(Array.from({ length: 20 }, (_, n) => commits.write(insert(n))));
    expect(batches).toEqual([8, 8, 4]);
    expect(stored()).toHaveLength(20);
  });

  it('when one write throws, only that write is rolled back and rejected', async () => {
    const commits = createGroupCommit(db);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, n) =>
        commits.write(() => {
          insert(n)();
          if (n === 3) throw new Error('write 3 breaks');
          return n;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', ...Array(6).fill('fulfilled')]);
    expect((outcomes[3] as PromiseRejectedResult).reason).toEqual(new Error('write 3 breaks'));
    expect(stored()).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
  });

  it('when the batch fails as a whole, tries every write alone, so the others still commit', async () => {
    const batches: number[] = [];
    const commits = createGroupCommit(db, { onBatch: (size) => batches.push(size) });
    // A write that ends the whole transaction, as SQLite does itself on a full disk or an I/O error.
    const aborting = () => {
      insert(100)();
      db.exec('ROLLBACK');
      return 'aborted';
    };
    const outcomes = await Promise.allSettled([commits.write(insert(1)), commits.write(aborting), commits.write(insert(2)), commits.write(insert(3))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(stored()).toEqual([1, 2, 3]);
    expect(batches).toEqual([4]);
    expect(db.inTransaction).toBe(false);
    expect(db.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS_NORMAL);
  });

  it('flush commits what is queued at once (before the database closes)', async () => {
    const commits = createGroupCommit(db);
    const written = commits.write(insert(7));
    commits.flush();
    expect(stored()).toEqual([7]);
    await expect(written).resolves.toBe(1);
  });
});

describe('POST /api/assessments/:id/submit with many at once', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('acknowledges every parallel submit over a real socket, and every acknowledged one is there after a restart', async () => {
    t = await createTestApp({ clientDir: null });
    const { prepared } = handwerkDigital();
    const set = completeAnswerSet(prepared, 'middling');
    const complete = [];
    for (let i = 0; i < 60; i++) {
      const created = await createAssessment(t.app);
      expect((await patchAssessment(t.app, created, { revision: 0, profile: set.profile, answers: set.answers, relevance: set.relevance })).statusCode).toBe(200);
      complete.push(created);
    }
    // Incomplete drafts are refused before they are queued, and take nobody down with them.
    const incomplete = [];
    for (let i = 0; i < 5; i++) incomplete.push(await createAssessment(t.app));
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const submit = async (check: { id: string; resumeCode: string }) => {
      const response = await fetch(`${url}/api/assessments/${check.id}/submit`, { method: 'POST', headers: { 'x-resume-code': check.resumeCode } });
      return { status: response.status, body: (await response.json()) as { assessmentId: string; submittedAt: string; result: { overall: { score: number } } } };
    };
    // Each complete check twice (a double click): both answers are the one stored result.
    const answers = await Promise.all([...complete, ...incomplete, ...complete].map(submit));
    expect(answers.slice(0, 60).map((a) => a.status)).toEqual(Array(60).fill(200));
    expect(answers.slice(60, 65).map((a) => [a.status, (a.body as unknown as { code: string }).code])).toEqual(Array(5).fill([400, 'assessment.incomplete']));
    expect(answers.slice(65).map((a) => a.status)).toEqual(Array(60).fill(200));
    for (let i = 0; i < 60; i++) {
      expect(answers[65 + i]!.body).toEqual(answers[i]!.body);
    }

    const app = await t.restart({ clientDir: null });
    for (const [i, check] of complete.entries()) {
      const response = await app.inject({ url: `/api/assessments/${check.id}/result`, headers: { 'x-resume-code': check.resumeCode } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ assessmentId: check.id, submittedAt: answers[i]!.body.submittedAt, result: { overall: { score: answers[i]!.body.result.overall.score } } });
    }
    expect(app.db.prepare('SELECT count(*) FROM results').pluck().get()).toBe(60);
    expect(app.db.prepare('SELECT count(*) FROM result_documents').pluck().get()).toBe(60);
    for (const check of incomplete) {
      const response = await app.inject({ url: `/api/assessments/${check.id}`, headers: { 'x-resume-code': check.resumeCode } });
      expect(response.json()).toMatchObject({ status: 'draft' });
    }
    expect(() => app.db.prepare('UPDATE results SET overall_score = 100').run()).toThrow(/results are immutable/);
  }, 60_000);
});

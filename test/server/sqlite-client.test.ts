/**
 * Group commit of durable submits (server/db/sqlite-client.ts): durable transactions queued
 * together share one transaction at synchronous=FULL, each is answered only
 * after that commit, and one failing write never takes the others down. Then
 * the same over HTTP: many parallel submits to a listening server, all of
 * them there after a restart, results still immutable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNCHRONOUS_FULL, SYNCHRONOUS_NORMAL } from '../../server/db/open-database.ts';
import type { SqlQueries } from '../../server/db/sql-client.ts';
import { type SqliteClient, createSqliteClient, openSqliteClient } from '../../server/db/sqlite-client.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { createAssessment, patchAssessment } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

describe('durable transactions on SQLite (group commit)', () => {
  let dir: string;
  let sql: SqliteClient;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'procheck-group-commit-'));
    sql = await openSqliteClient({ file: join(dir, 'g.db'), onBatch: (size) => batches.push(size) });
    await sql.exec('CREATE TABLE scratch (n INTEGER NOT NULL UNIQUE)');
    batches = [];
  });
  afterEach(async () => {
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  });
  let batches: number[] = [];
  const insert = (n: number) => async (tx: SqlQueries) => (await tx.run('INSERT INTO scratch (n) VALUES (?)', [n])).changes;
  const stored = () => sql.db.prepare('SELECT n FROM scratch ORDER BY n').pluck().all();

  it('durable transactions queued in one turn commit together, in one transaction at synchronous=FULL, and settle after it', async () => {
    const levels: unknown[] = [];
    const inTransaction: boolean[] = [];
    const written = Array.from({ length: 20 }, (_, n) =>
      sql.transaction(
        async (tx) => {
          levels.push(sql.db.pragma('synchronous', { simple: true }));
          inTransaction.push(sql.db.inTransaction);
          return insert(n)(tx);
        },
        { durable: true },
      ),
    );
    // Nothing is written (or acknowledged) before the turn ends.
    expect(stored()).toEqual([]);
    expect(await Promise.all(written)).toEqual(Array(20).fill(1));
    expect(batches).toEqual([20]);
    expect(levels).toEqual(Array(20).fill(SYNCHRONOUS_FULL));
    expect(inTransaction.every(Boolean)).toBe(true);
    expect(stored()).toEqual(Array.from({ length: 20 }, (_, n) => n));
    // Autosaves after it run at NORMAL again.
    expect(sql.db.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS_NORMAL);
  });

  it('caps a commit at maxBatch transactions and commits the rest in the next', async () => {
    const capped = createSqliteClient(sql.db, { file: sql.file, maxBatch: 8, onBatch: (size) => batches.push(size) });
    await Promise.all(Array.from({ length: 20 }, (_, n) => capped.transaction(insert(n), { durable: true })));
    expect(batches).toEqual([8, 8, 4]);
    expect(stored()).toHaveLength(20);
  });

  it('when one transaction throws, only that one is rolled back and rejected', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, n) =>
        sql.transaction(
          async (tx) => {
            await insert(n)(tx);
            if (n === 3) throw new Error('write 3 breaks');
            return n;
          },
          { durable: true },
        ),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', ...Array(6).fill('fulfilled')]);
    expect((outcomes[3] as PromiseRejectedResult).reason).toEqual(new Error('write 3 breaks'));
    expect(stored()).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
  });

  it('when the batch fails as a whole, tries every transaction alone, so the others still commit', async () => {
    // A write that ends the whole transaction, as SQLite does itself on a full disk or an I/O error.
    const aborting = async (tx: SqlQueries) => {
      await insert(100)(tx);
      sql.db.exec('ROLLBACK');
      return 'aborted';
    };
    const outcomes = await Promise.allSettled([
      sql.transaction(insert(1), { durable: true }),
      sql.transaction(aborting, { durable: true }),
      sql.transaction(insert(2), { durable: true }),
      sql.transaction(insert(3), { durable: true }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(stored()).toEqual([1, 2, 3]);
    expect(batches).toEqual([4]);
    expect(sql.db.inTransaction).toBe(false);
    expect(sql.db.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS_NORMAL);
  });

  it('flush commits what is queued at once, and close flushes first', async () => {
    const written = sql.transaction(insert(7), { durable: true });
    await sql.flush();
    expect(stored()).toEqual([7]);
    await expect(written).resolves.toBe(1);
    const last = sql.transaction(insert(8), { durable: true });
    const file = sql.file;
    await sql.close();
    await expect(last).resolves.toBe(1);
    const reopened = await openSqliteClient({ file });
    expect(await reopened.all('SELECT n FROM scratch ORDER BY n')).toEqual([{ n: 7 }, { n: 8 }]);
    sql = reopened;
  });

  it('statements from elsewhere wait until an open transaction has ended, and never land inside it', async () => {
    let inside!: () => void;
    const paused = new Promise<void>((resolve) => (inside = resolve));
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const rolledBack = sql.transaction(async (tx) => {
      await insert(1)(tx);
      inside();
      await gate;
      throw new Error('changed my mind');
    });
    await paused;
    const outside = sql.run('INSERT INTO scratch (n) VALUES (2)');
    const seen = sql.all<{ n: number }>('SELECT n FROM scratch ORDER BY n');
    letGo();
    await expect(rolledBack).rejects.toThrow('changed my mind');
    await outside;
    // The outside insert ran after the rollback, so it stays; the read saw neither the rolled-back row nor a half state.
    expect((await seen).map((r) => r.n)).toEqual([2]);
    expect(stored()).toEqual([2]);
  });

  it('a nested transaction is a savepoint: its failure undoes only its own writes', async () => {
    await sql.transaction(async (tx) => {
      await insert(1)(tx);
      await expect(
        tx.transaction(async (inner) => {
          await insert(2)(inner);
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await insert(3)(tx);
    });
    expect(stored()).toEqual([1, 3]);
  });

  it('a snapshot reads one moment in batches while writes go on', async () => {
    for (let n = 0; n < 2500; n++) await sql.run('INSERT INTO scratch (n) VALUES (?)', [n]);
    const snapshot = await sql.snapshot();
    await sql.run('INSERT INTO scratch (n) VALUES (99999)');
    const sizes: number[] = [];
    let count = 0;
    for await (const batch of snapshot.iterateRaw<[number]>('SELECT n FROM scratch ORDER BY n', [], 1000)) {
      sizes.push(batch.length);
      count += batch.length;
      expect(typeof batch[0]![0]).toBe('number');
    }
    await snapshot.close();
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(count).toBe(2500);
    expect(stored()).toHaveLength(2501);
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
    expect(await app.sql.get('SELECT count(*) AS n FROM results')).toEqual({ n: 60 });
    expect(await app.sql.get('SELECT count(*) AS n FROM result_documents')).toEqual({ n: 60 });
    for (const check of incomplete) {
      const response = await app.inject({ url: `/api/assessments/${check.id}`, headers: { 'x-resume-code': check.resumeCode } });
      expect(response.json()).toMatchObject({ status: 'draft' });
    }
    await expect(app.sql.run('UPDATE results SET overall_score = 100')).rejects.toThrow(/results are immutable/);
  }, 60_000);
});

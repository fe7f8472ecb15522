import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { rebuildFacts } from '../../server/db/facts-repository.ts';
import { applyMigrations, readMigrations } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import { createSqliteClient } from '../../server/db/sqlite-client.ts';
import { createUser, login } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { excelFigures } from '../helpers/excel-figures.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { insertResults } from '../helpers/stored-results.ts';
import { FIXED_NOW, createTestApp } from '../helpers/test-app.ts';
import { sqliteConnection } from '../helpers/engine.ts';

const { prepared } = handwerkDigital();
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'procheck-migrate-')), 'db.sqlite');

describe('migrations', () => {
  it('are numbered in tens and each applies on an empty database', () => {
    const migrations = readMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => (i + 1) * 10));
    for (let n = 1; n <= migrations.length; n++) {
      const db = new Database(':memory:');
      applyMigrations(db, migrations.slice(0, n));
      expect(db.pragma('user_version', { simple: true })).toBe(n * 10);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    }
  });

  it('0020 backfills the peer sums of results stored before it, after taking a backup', async () => {
    const file = tempFile();
    // A file as procheck left it at schema 10, with two submitted results.
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    applyMigrations(old, readMigrations().slice(0, 1));
    const insertAssessment = old.prepare(
      "INSERT INTO assessments (id, resume_hash, questionnaire_id, questionnaire_version, questionnaire_hash, status, created_at, updated_at) VALUES (?, ?, 'handwerk-digital', '1.0.0', 'h', 'submitted', 'x', 'x')",
    );
    const insertResult = old.prepare(
      "INSERT INTO results (assessment_row_id, questionnaire_id, questionnaire_version, questionnaire_hash, trade, channel, overall_score, overall_level, dimension_scores, submitted_at, submitted_month) VALUES (?, 'handwerk-digital', '1.0.0', 'h', 'lebensmittel', 'online', ?, 'anwender', '{}', 'x', '2026-11')",
    );
    const insertDimension = old.prepare("INSERT INTO result_dimensions (assessment_row_id, questionnaire_id, trade, dimension_id, score, level, has_basis) VALUES (?, 'handwerk-digital', 'lebensmittel', 'kunden', ?, 'anwender', 1)");
    for (const score of [30, 70]) {
      const rowId = Number(insertAssessment.run(randomUUID(), randomUUID()).lastInsertRowid);
      insertResult.run(rowId, score);
      insertDimension.run(rowId, score);
    }
    old.close();

    const backups: string[] = [];
    const db = await openDatabase({ file, onBackup: (b) => backups.push(b) });
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().at(-1)!.version);
    expect(db.prepare('SELECT dimension_id, n, total FROM peer_sums ORDER BY dimension_id').all()).toEqual([
      { dimension_id: '', n: 2, total: 100 },
      { dimension_id: 'kunden', n: 2, total: 100 },
    ]);
    db.close();
    expect(backups).toHaveLength(1);
    expect(readdirSync(join(file, '..'))).toContain(backups[0]!.split('/').pop());
    const copy = new Database(backups[0]!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(10);
    expect((copy.prepare('SELECT count(*) AS n FROM results').get() as { n: number }).n).toBe(2);
    copy.close();
  });

  it('0060 replaces the whole-point dashboard facts, and start-up rebuilds them so the figures are exact', async () => {
    const file = tempFile();
    // A file as procheck left it at schema 50: ten results scoring 0 or 100, and their facts in whole points.
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    applyMigrations(old, readMigrations().filter((m) => m.version <= 50));
    const scores = [0, 0, 0, 0, 0, 100, 100, 100, 100, 100];
    await insertResults(createSqliteClient(old, { file }), prepared, scores.map((overall) => ({ trade: 'lebensmittel', employees: '2-4', region: 'bottrop', month: '2026-11', overall, dimensions: { kunden: overall } })));
    const wholePoints = new Uint32Array(101);
    wholePoints[0] = 5;
    wholePoints[100] = 5;
    old.prepare(
      `INSERT INTO result_facts (questionnaire_id, questionnaire_version, channel, trade, employees, region, month, figure_ids, counts, totals, histograms, levels)
       VALUES ('handwerk-digital', '1.0.0', 'online', 'lebensmittel', '2-4', 'bottrop', '2026-11', '[""]', ?, ?, ?, '{}')`,
    ).run(Buffer.from(new Float64Array([10]).buffer), Buffer.from(new Float64Array([500]).buffer), Buffer.from(wholePoints.buffer));
    old.close();

    const app = await buildApp({ databaseFile: file, clientDir: null, now: () => FIXED_NOW });
    try {
      expect(sqliteConnection(app).pragma('user_version', { simple: true })).toBe(readMigrations().at(-1)!.version);
      expect(sqliteConnection(app).prepare('SELECT n, figure_ids FROM result_facts').all()).toEqual([{ n: 10, figure_ids: '["","kunden"]' }]);
      const staff = await login(app, (await createUser(app, 'staff')).email);
      const stats = (await app.inject({ url: '/api/stats', headers: { cookie: staff.cookie } })).json();
      // The 0040 histogram said median 1, first quartile 0.5; Excel says 50 and 0.
      expect(stats.total.overall).toEqual({ n: 10, mean: 50, median: 50, q1: 0, q3: 100 });
      expect(stats.total.overall).toEqual(excelFigures(scores));
      expect(stats.total.dimensions.kunden).toEqual(excelFigures(scores));
    } finally {
      await app.close();
    }
  });

  it('result_facts.n follows results that are added and erased, as a rebuild would count them', async () => {
    const t = await createTestApp();
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    await submitAnswerSet(t.app, completeAnswerSet(prepared, 'strong'));
    await submitAnswerSet(t.app, completeAnswerSet(prepared, 'middling', { trade: 'lebensmittel', employees: '2-4', postcode: '46236' }));
    const cells = () => t.app.sql.all('SELECT trade, n FROM result_facts ORDER BY trade');
    expect(await cells()).toEqual([{ trade: expect.any(String), n: 2 }, { trade: 'lebensmittel', n: 1 }]);
    const erased = await t.app.inject({ method: 'DELETE', url: `/api/assessments/${created.id}`, headers: { 'x-resume-code': created.resumeCode } });
    expect(erased.statusCode).toBe(204);
    const kept = await cells();
    expect(kept).toEqual([{ trade: expect.any(String), n: 1 }, { trade: 'lebensmittel', n: 1 }]);
    await rebuildFacts(t.app.sql);
    expect(await cells()).toEqual(kept);
    await t.close();
  });

  it('0070 remembers the visits erased before it, so pruning the ledger cannot bring one back', () => {
    const migrations = readMigrations();
    const at = migrations.findIndex((m) => m.name === '0070-sync-window.sql');
    const db = new Database(':memory:');
    applyMigrations(db, migrations.slice(0, at));
    const live = randomUUID();
    const erased = randomUUID();
    db.prepare(
      "INSERT INTO assessments (id, resume_hash, questionnaire_id, questionnaire_version, questionnaire_hash, status, created_at, updated_at) VALUES (?, 'h', 'handwerk-digital', '1.0.0', 'h', 'draft', 'x', 'x')",
    ).run(live);
    const change = db.prepare("INSERT INTO sync_changes (change_id, visit_id, content_hash, response, applied_at) VALUES (?, ?, 'h', '{}', ?)");
    change.run(randomUUID(), live, '2026-11-01T10:00:00.000Z');
    change.run(randomUUID(), erased, '2026-11-01T10:00:00.000Z');
    change.run(randomUUID(), erased, '2026-11-03T10:00:00.000Z');
    applyMigrations(db, migrations.slice(at));
    expect(db.prepare('SELECT visit_id, erased_at FROM erased_visits').all()).toEqual([{ visit_id: erased, erased_at: '2026-11-03T10:00:00.000Z' }]);
    db.close();
  });

  it('peer sums follow results that are added and deleted', async () => {
    const t = await createTestApp();
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    await submitAnswerSet(t.app, completeAnswerSet(prepared, 'strong'));
    const sums = () => sqliteConnection(t.app).prepare("SELECT n, round(total, 1) AS total FROM peer_sums WHERE dimension_id = ''").get();
    const fromResults = () => sqliteConnection(t.app).prepare('SELECT count(*) AS n, round(sum(overall_score), 1) AS total FROM results').get();
    expect(sums()).toEqual(fromResults());
    sqliteConnection(t.app).prepare('DELETE FROM assessments WHERE id = ?').run(created.id);
    expect(sums()).toEqual(fromResults());
    const dimensionSums = sqliteConnection(t.app).prepare("SELECT sum(n) AS n FROM peer_sums WHERE dimension_id <> ''").get() as { n: number };
    const dimensionRows = sqliteConnection(t.app).prepare('SELECT count(*) AS n FROM result_dimensions WHERE has_basis = 1').get() as { n: number };
    expect(dimensionSums.n).toBe(dimensionRows.n);
    await t.close();
  });
});

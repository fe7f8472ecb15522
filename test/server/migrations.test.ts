import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { createTestApp } from '../helpers/test-app.ts';

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

  it('peer sums follow results that are added and deleted', async () => {
    const t = await createTestApp();
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    await submitAnswerSet(t.app, completeAnswerSet(prepared, 'strong'));
    const sums = () => t.app.db.prepare("SELECT n, round(total, 1) AS total FROM peer_sums WHERE dimension_id = ''").get();
    const fromResults = () => t.app.db.prepare('SELECT count(*) AS n, round(sum(overall_score), 1) AS total FROM results').get();
    expect(sums()).toEqual(fromResults());
    t.app.db.prepare('DELETE FROM assessments WHERE id = ?').run(created.id);
    expect(sums()).toEqual(fromResults());
    const dimensionSums = t.app.db.prepare("SELECT sum(n) AS n FROM peer_sums WHERE dimension_id <> ''").get() as { n: number };
    const dimensionRows = t.app.db.prepare('SELECT count(*) AS n FROM result_dimensions WHERE has_basis = 1').get() as { n: number };
    expect(dimensionSums.n).toBe(dimensionRows.n);
    await t.close();
  });
});

import Database from 'better-sqlite3';
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
    const t = await createTestApp({ databaseFile: file });
    for (const strength of ['weak', 'strong'] as const) await submitAnswerSet(t.app, completeAnswerSet(prepared, strength));
    await t.app.close();
    // Wind the file back to schema 10, as an older procheck left it.
    const old = new Database(file);
    old.exec('DROP TABLE peer_sums; DROP TRIGGER peer_sums_result_added; DROP TRIGGER peer_sums_result_removed; DROP TRIGGER peer_sums_dimension_added; DROP TRIGGER peer_sums_dimension_removed;');
    old.pragma('user_version = 10');
    old.close();

    const backups: string[] = [];
    const db = await openDatabase({ file, onBackup: (b) => backups.push(b) });
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().at(-1)!.version);
    const overall = db.prepare("SELECT n, total FROM peer_sums WHERE dimension_id = ''").get() as { n: number; total: number };
    const expected = db.prepare('SELECT count(*) AS n, sum(overall_score) AS total FROM results').get() as { n: number; total: number };
    expect(overall).toEqual(expected);
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

import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../server/db/backup.ts';
import { loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { createAssessment, patchAssessment, submitAnswerSet } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = handwerkDigital();
let t: TestApp;

/** Every row of every table, in a stable order. */
function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    return Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  await loggedInAs(t.app, 'admin');
  for (const strength of ['weak', 'middling', 'strong', 'middling', 'weak'] as const) await submitAnswerSet(t.app, completeAnswerSet(prepared, strength));
  for (let i = 0; i < 5; i++) await createAssessment(t.app);
});
afterAll(async () => t.close());

describe('backup and restore', () => {
  it('backs up the live database without stopping the server, and restores every row', async () => {
    const backup = join(t.dir, 'backup.db');
    const report = await backupDatabase(t.databaseFile, backup);
    expect(report.tables).toMatchObject({ assessments: 10, results: 5, users: 1 });
    const original = dump(t.databaseFile);
    expect(dump(backup)).toEqual(original);
    expect(original.results).toHaveLength(5);

    const restoredFile = join(t.dir, 'restored.db');
    const restored = await restoreDatabase(backup, restoredFile, new Date());
    expect(restored.previous).toBeNull();
    expect(dump(restoredFile)).toEqual(original);
    console.log(`backup round trip: ${(report.bytes / 1024).toFixed(0)} KiB, backup ${report.milliseconds.toFixed(0)} ms, restore ${restored.milliseconds.toFixed(0)} ms`);
  });

  it('keeps serving autosaves while a backup runs', async () => {
    const checks = await Promise.all(Array.from({ length: 20 }, () => createAssessment(t.app)));
    const backup = backupDatabase(t.databaseFile, join(t.dir, 'during.db'));
    const saves = await Promise.all(checks.map((c) => patchAssessment(t.app, c, { revision: 0, profile: { trade: 'lebensmittel' } })));
    expect(saves.map((s) => s.statusCode)).toEqual(checks.map(() => 200));
    expect((await backup).tables.assessments).toBeGreaterThanOrEqual(10);
  });

  it('restores over an existing database and keeps the replaced one beside it', async () => {
    const backup = join(t.dir, 'backup.db');
    const target = join(t.dir, 'target.db');
    await restoreDatabase(backup, target, new Date('2026-11-23T10:00:00Z'));
    const again = await restoreDatabase(backup, target, new Date('2026-11-24T10:00:00Z'));
    expect(again.previous).toBe(`${target}.before-restore-2026-11-24T10-00-00-000Z`);
    expect(dump(again.previous!)).toEqual(dump(target));
  });

  it('refuses to overwrite an existing backup file, and a damaged backup', async () => {
    await expect(backupDatabase(t.databaseFile, join(t.dir, 'backup.db'))).rejects.toThrow(/exists already/);
    const { writeFileSync } = await import('node:fs');
    const junk = join(t.dir, 'junk.db');
    writeFileSync(junk, 'not a database at all, just bytes'.repeat(200));
    await expect(restoreDatabase(junk, join(t.dir, 'x.db'), new Date())).rejects.toThrow();
  });

  it('works from the command line', async () => {
    const file = join(t.dir, 'cli-backup.db');
    const cli = new URL('../../bin/procheck.js', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'backup', file], { env: { ...process.env, PROCHECK_DB: t.databaseFile } });
    expect(stdout).toMatch(/^backed up .* KiB, \d+ rows in \d+ tables, schema \d+, \d+ ms, integrity ok\n$/);
  });
});

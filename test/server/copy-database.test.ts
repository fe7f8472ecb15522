/**
 * Moving an installation between databases (server/db/copy-database.ts): a
 * chamber's real data — submitted checks, an erased one, staff, a lead, the
 * offers — copied into an empty database; every table's rows and checksum
 * compare equal, and the app started on the copy shows the same result and
 * the same dashboard figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { CopyRefusedError, copyDatabase } from '../../server/db/copy-database.ts';
import { openSqliteClient } from '../../server/db/sqlite-client.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { mixedAnswerSet, randomSequence } from '../helpers/seed-checks.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { FIXED_NOW, createTestApp } from '../helpers/test-app.ts';
import { useInstallation, whatUsersSee } from '../helpers/used-installation.ts';

describe('copying a procheck database', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table of a used installation into an empty SQLite file, checksums equal, and the copy shows the same', async () => {
    const t = await createTestApp({ clientDir: null });
    dirs.push(t.dir);
    const { checks, admin } = await useInstallation(t.app, 14, 7);
    const before = await whatUsersSee(t.app, checks[0]!, admin.cookie);
    await t.app.close();

    const target = join(mkdtempSync(join(tmpdir(), 'procheck-copy-')), 'copy.db');
    dirs.push(join(target, '..'));
    const from = await openSqliteClient({ file: t.databaseFile });
    const to = await openSqliteClient({ file: target });
    const copied: string[] = [];
    const report = await copyDatabase({ from, to, onTable: (table) => copied.push(table) });
    await from.close();
    await to.close();

    expect(report.matches).toBe(true);
    const rows = Object.fromEntries(report.tables.map((r) => [r.table, r.rows]));
    expect(rows).toMatchObject({ assessments: 13, results: 13, users: 1, sessions: 1 });
    expect(rows.leads).toBeGreaterThan(0);
    expect(rows.peer_sums).toBeGreaterThan(0);
    expect(rows.catalogue_entries).toBeGreaterThan(0);
    for (const table of report.tables) expect([table.table, table.targetRows, table.targetChecksum]).toEqual([table.table, table.rows, table.sourceChecksum]);
    expect(copied).toEqual(report.tables.map((r) => r.table));

    const app = await buildApp({ databaseFile: target, now: () => FIXED_NOW, clientDir: null });
    try {
      expect(await whatUsersSee(app, checks[0]!, admin.cookie)).toEqual(before);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('refuses a target that already holds data, and changes nothing there', async () => {
    const t = await createTestApp({ clientDir: null });
    dirs.push(t.dir);
    const { prepared } = handwerkDigital();
    await submitAnswerSet(t.app, mixedAnswerSet(prepared, { trade: 'elektro-metall', employees: '5-9', postcode: '45657' }, randomSequence(1)));
    await t.app.close();
    const from = await openSqliteClient({ file: t.databaseFile });
    const to = await openSqliteClient({ file: t.databaseFile.replace('procheck.db', 'other.db') });
    await to.run("INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES ('u1', 'a@example.org', 'A', 'admin', 'x', '2026-01-01', '2026-01-01')");
    try {
      await expect(copyDatabase({ from, to })).rejects.toThrow(new CopyRefusedError('the target is not empty (table users has rows): copy into a new, empty database'));
      expect(await to.all('SELECT id FROM users')).toEqual([{ id: 'u1' }]);
      expect(await to.all('SELECT id FROM assessments')).toEqual([]);
    } finally {
      await from.close();
      await to.close();
    }
  });
});

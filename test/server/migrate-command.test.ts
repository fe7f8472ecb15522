/**
 * `npx procheck migrate --to postgres://…` and `--from postgres://…` (issue
 * 21, point 3), against the run's real PostgreSQL: a used SQLite installation
 * moves onto PostgreSQL from an online backup and back into a new file; each
 * direction prints every table's row count and checksum, and the app started
 * on the copy shows the business its result and the staff the same figures.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { describeIfPostgres, freshDatabase } from '../helpers/postgres-server.ts';
import { FIXED_NOW, type TestApp, createTestApp } from '../helpers/test-app.ts';
import { useInstallation, whatUsersSee } from '../helpers/used-installation.ts';

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const { runCli } = await import('../../server/cli.ts');
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, now: () => FIXED_NOW, readStdin: async () => null });
  return { code, stdout, stderr };
}

describeIfPostgres('npx procheck migrate', (serverUrl) => {
  let t: TestApp;
  let check: { id: string; resumeCode: string };
  let cookie: string;
  let before: Awaited<ReturnType<typeof whatUsersSee>>;
  beforeAll(async () => {
    t = await createTestApp({ clientDir: null });
    const used = await useInstallation(t.app, 22, 11);
    cookie = used.admin.cookie;
    check = used.checks[0]!;
    before = await whatUsersSee(t.app, check, cookie);
  }, 120_000);
  afterAll(async () => t?.close());

  it('moves a used installation onto PostgreSQL from an online backup, and back into a new SQLite file', async () => {
    const url = await freshDatabase(serverUrl);
    // The SQLite server keeps running: the copy reads a backup, not the live file.
    const to = await cli(['migrate', '--to', url], { PROCHECK_DB: t.databaseFile });
    expect(to.stderr).toBe('');
    expect(to.code).toBe(0);
    expect(to.stdout).toMatch(/online backup of .*procheck\.db: .*\.before-move-.*\.bak/);
    expect(to.stdout).toMatch(/^results +21 → +21 +ok +[0-9a-f]{32}$/m);
    expect(to.stdout).toMatch(/all \d+ tables match \(\d+ rows\)/);
    expect(to.stdout).not.toContain(new URL(url).password || 'no password in this URL');
    expect(readdirSync(t.dir).some((name) => name.includes('.before-move-'))).toBe(true);

    const onPostgres = await buildApp({ databaseFile: join(t.dir, 'unused.db'), databaseUrl: url, now: () => FIXED_NOW, clientDir: null });
    try {
      expect(await whatUsersSee(onPostgres, check, cookie)).toEqual(before);
    } finally {
      await onPostgres.close();
    }

    const back = join(t.dir, 'back.db');
    const from = await cli(['migrate', '--from', url], { PROCHECK_DB: back });
    expect(from.code).toBe(0);
    expect(from.stdout).toMatch(/all \d+ tables match/);
    const onSqlite = await buildApp({ databaseFile: back, now: () => FIXED_NOW, clientDir: null });
    try {
      expect(await whatUsersSee(onSqlite, check, cookie)).toEqual(before);
    } finally {
      await onSqlite.close();
    }
  }, 120_000);

  it('refuses a PostgreSQL database that already holds an installation, and an existing file for the way back', async () => {
    const url = await freshDatabase(serverUrl);
    expect((await cli(['migrate', '--to', url], { PROCHECK_DB: t.databaseFile })).code).toBe(0);
    const again = await cli(['migrate', '--to', url], { PROCHECK_DB: t.databaseFile });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the target is not empty \(table \w+ has rows\)/);
    const intoExisting = await cli(['migrate', '--from', url], { PROCHECK_DB: t.databaseFile });
    expect(intoExisting.code).toBe(1);
    expect(intoExisting.stderr).toContain('exists already');
    expect(existsSync(t.databaseFile)).toBe(true);
    expect((await cli(['migrate', '--to', 'mysql://x@y/z'], { PROCHECK_DB: t.databaseFile })).stderr).toContain('postgres://');
    expect((await cli(['migrate'], { PROCHECK_DB: t.databaseFile })).code).toBe(2);
  }, 120_000);
});

import Database from 'better-sqlite3';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { NewerDatabaseError, readMigrations } from '../../server/db/migrate.ts';
import { DEFAULT_DEFINITIONS_DIR } from '../../server/definitions/load-definitions.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { createAssessment, getAssessment, patchAssessment, submitAnswerSet } from '../helpers/api-client.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';
import { sqliteConnection } from '../helpers/engine.ts';

const { prepared } = latestHandwerkDigital();
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('storage', () => {
  it('keeps drafts and results across a restart on the same file', async () => {
    t = await createTestApp();
    const draft = await createAssessment(t.app);
    await patchAssessment(t.app, draft, { revision: 0, profile: { trade: 'lebensmittel', companyName: 'Bäckerei Sonnenschein' } });
    const { created, result } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'strong'));

    const app = await t.restart();
    expect((await getAssessment(app, draft)).json()).toMatchObject({ revision: 1, profile: { trade: 'lebensmittel', companyName: 'Bäckerei Sonnenschein' } });
    const stored = await app.inject({ url: `/api/assessments/${created.id}/result`, headers: { 'x-resume-code': created.resumeCode } });
    expect(stored.json()).toEqual(result);
  });

  it('runs SQLite in WAL mode with synchronous=NORMAL for drafts and foreign keys on, at the latest schema', async () => {
    t = await createTestApp();
    expect(sqliteConnection(t.app).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqliteConnection(t.app).pragma('synchronous', { simple: true })).toBe(1);
    expect(sqliteConnection(t.app).pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqliteConnection(t.app).pragma('user_version', { simple: true })).toBe(readMigrations().at(-1)!.version);
  });

  it('never stores the resume code itself, only its hash', async () => {
    t = await createTestApp();
    const created = await createAssessment(t.app);
    await t.app.close();
    const raw = readFileSync(t.databaseFile).toString('latin1') + readFileSync(`${t.databaseFile}-wal`, { flag: 'a+' }).toString('latin1');
    expect(raw).not.toContain(created.resumeCode.replace(/-/g, ''));
    expect(raw).not.toContain(created.resumeCode);
    t.app = await buildApp({ databaseFile: t.databaseFile });
  });

  it('commits a submit with synchronous=FULL and returns to NORMAL afterwards', async () => {
    t = await createTestApp();
    const seen: unknown[] = [];
    const pragma = sqliteConnection(t.app).pragma.bind(sqliteConnection(t.app));
    sqliteConnection(t.app).pragma = ((source: string, options?: { simple?: boolean }) => {
      if (source.startsWith('synchronous =')) seen.push(source);
      return pragma(source, options);
    }) as Database.Database['pragma'];
    await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    expect(seen).toEqual(['synchronous = FULL', 'synchronous = NORMAL']);
    expect(pragma('synchronous', { simple: true })).toBe(1);
  });

  it('refuses to rewrite a stored result', async () => {
    t = await createTestApp();
    await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    await expect(t!.app.sql.run('UPDATE results SET overall_score = 100')).rejects.toThrow(/results are immutable/);
  });

  it('refuses to start on a database written by a newer procheck', async () => {
    t = await createTestApp();
    await t.app.close();
    const db = new Database(t.databaseFile);
    db.pragma('user_version = 9990');
    db.close();
    await expect(buildApp({ databaseFile: t.databaseFile })).rejects.toThrow(NewerDatabaseError);
    await expect(buildApp({ databaseFile: t.databaseFile })).rejects.toThrow(/written by a newer procheck \(schema version 9990/);
    const fix = new Database(t.databaseFile);
    fix.pragma(`user_version = ${readMigrations().at(-1)!.version}`);
    fix.close();
    t.app = await buildApp({ databaseFile: t.databaseFile });
  });
});

describe('questionnaire versions', () => {
  it('a result keeps the version and hash it was scored with when a new version is released', async () => {
    t = await createTestApp();
    const definitions = join(t.dir, 'definitions');
    mkdirSync(definitions);
    cpSync(join(DEFAULT_DEFINITIONS_DIR, 'handwerk-digital'), join(definitions, 'handwerk-digital'), { recursive: true });
    const app = await t.restart({ questionnairesDir: definitions });
    const { created, result } = await submitAnswerSet(app, completeAnswerSet(prepared, 'middling'));

    const next = JSON.parse(readFileSync(join(definitions, 'handwerk-digital', `${prepared.definition.version}.json`), 'utf8'));
    next.version = '9.0.0';
    next.title.de = 'Digitalisierungs-Check Handwerk 2030';
    writeFileSync(join(definitions, 'handwerk-digital', '9.0.0.json'), JSON.stringify(next, null, 2));
    const upgraded = await t.restart({ questionnairesDir: definitions });

    expect((await createAssessment(upgraded)).version).toBe('9.0.0');
    const old = await upgraded.inject({ url: `/api/assessments/${created.id}/result`, headers: { 'x-resume-code': created.resumeCode } });
    expect(old.json().result.questionnaire).toEqual({ id: 'handwerk-digital', version: prepared.definition.version, hash: prepared.hash });
    expect(old.json()).toEqual(result);
    const list = (await upgraded.inject('/api/questionnaires')).json();
    expect(list.map((q: { version: string }) => q.version)).toEqual(['1.0.0', '1.1.0', '9.0.0']);
    expect(list.at(-1).hash).not.toBe(prepared.hash);
  });

  it('refuses to start when a definition file is broken, naming the file and JSON path', async () => {
    t = await createTestApp();
    const definitions = join(t.dir, 'broken');
    mkdirSync(join(definitions, 'handwerk-digital'), { recursive: true });
    const broken = JSON.parse(readFileSync(join(DEFAULT_DEFINITIONS_DIR, 'handwerk-digital', '1.0.0.json'), 'utf8'));
    broken.dimensions[0].weight = -1;
    writeFileSync(join(definitions, 'handwerk-digital', '1.0.0.json'), JSON.stringify(broken));
    await expect(t.restart({ questionnairesDir: definitions })).rejects.toThrow(/1\.0\.0\.json: dimensions\[0\]\.weight: Too small/);
    t.app = await buildApp({ databaseFile: t.databaseFile });
  });
});

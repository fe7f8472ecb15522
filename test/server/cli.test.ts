import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { handwerkDigital } from '../helpers/shipped.ts';

const run = promisify(execFile);
const CLI = new URL('../../bin/procheck.js', import.meta.url).pathname;
const DEFINITION = new URL('../../questionnaires/definitions/handwerk-digital/1.0.0.json', import.meta.url).pathname;

async function procheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, PROCHECK_DB: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'procheck-cli-'));
const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

describe('procheck validate', () => {
  it('accepts the shipped questionnaire', async () => {
    const result = await procheck('validate', DEFINITION);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/ok \(handwerk-digital 1\.0\.0, \d+ questions, sha256:[0-9a-f]{64}\)/) });
  });

  it('exits 1 naming the JSON path of each problem', async () => {
    const broken = JSON.parse(readFileSync(DEFINITION, 'utf8'));
    broken.levels[0].minScore = 5;
    broken.sections[1].questions[0].options[1].id = broken.sections[1].questions[0].options[0].id;
    const result = await procheck('validate', write('broken.json', broken));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('levels[0].minScore: the first level must start at 0');
    expect(result.stderr).toContain('sections[1].questions[0].options[1].id: duplicate option id');
  });

  it('explains a file that is not JSON', async () => {
    const result = await procheck('validate', write('not-json.json', '{ "id": '));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('$: not valid JSON');
  });
});

describe('procheck score', () => {
  it('prints the scored result as JSON', async () => {
    const { prepared } = handwerkDigital();
    const result = await procheck('score', write('set.json', completeAnswerSet(prepared, 'middling')));
    expect(result.code).toBe(0);
    const scored = JSON.parse(result.stdout);
    expect(scored).toMatchObject({
      questionnaire: { id: 'handwerk-digital', version: '1.0.0', hash: prepared.hash },
      overall: { score: expect.any(Number), level: expect.any(String) },
    });
    expect(scored.dimensions).toHaveLength(prepared.definition.dimensions.length);
  });

  it('exits 1 with per-question errors on a bad answer set', async () => {
    const { prepared } = handwerkDigital();
    const set = completeAnswerSet(prepared, 'middling');
    const first = prepared.questions.find((e) => e.question.type === 'single')!.question.id;
    set.answers[first] = 'no-such-option';
    delete set.profile.trade;
    const result = await procheck('score', write('bad-set.json', set));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`answers.${first}: unknown option "no-such-option"`);
  });

  it('names the field when the questionnaire is unknown', async () => {
    const result = await procheck('score', write('unknown.json', { questionnaireId: 'nope', version: '9.9.9' }));
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('questionnaireId/version: no questionnaire "nope"') });
  });
});

describe('procheck', () => {
  it('prints its usage for an unknown command', async () => {
    const result = await procheck('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: procheck');
  });
});

describe('procheck user add', () => {
  const database = join(dir, 'users.db');
  const withStdin = (input: string, ...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [CLI, ...args], { env: { ...process.env, PROCHECK_DB: database } }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin!.end(input);
    });

  it('reads the password from standard input when it is not a terminal', async () => {
    const result = await withStdin('ein-sehr-langes-passwort\n', 'user', 'add', '--email', 'chef@example.org', '--role', 'admin');
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^created admin chef@example\.org \(/) });
    expect(result.stdout).not.toContain('password');
    const { createTestApp } = await import('../helpers/test-app.ts');
    const t = await createTestApp({ databaseFile: database });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'chef@example.org', password: 'ein-sehr-langes-passwort' } });
    expect(login.statusCode).toBe(200);
    await t.app.close();
  });

  it('generates a password and prints it once when none is given', async () => {
    const result = await withStdin('', 'user', 'add', '--email', 'scout@example.org', '--role', 'scout', '--name', 'Sam Scout');
    expect(result.stdout).toMatch(/password \(shown only now\): [a-z2-9]{20}\n/);
  });

  it('names a bad flag and refuses a short password', async () => {
    expect(await withStdin('', 'user', 'add', '--email', 'x', '--role', 'king')).toMatchObject({ code: 1, stderr: expect.stringContaining('--email') });
    expect(await withStdin('kurz\n', 'user', 'add', '--email', 'k@example.org', '--role', 'staff')).toMatchObject({ code: 1, stderr: expect.stringContaining('at least 12 characters') });
  });
});

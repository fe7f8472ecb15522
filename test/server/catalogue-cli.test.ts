import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = new URL('../../bin/procheck.js', import.meta.url).pathname;
const SHIPPED = new URL('../../questionnaires/catalogue/', import.meta.url).pathname;

async function procheck(databaseFile: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, PROCHECK_DB: databaseFile } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('procheck catalogue import|export', () => {
  it('exports the seeded catalogue in the file format, and imports a changed date back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procheck-catalogue-'));
    const db = join(dir, 'procheck.db');
    const out = join(dir, 'export');
    expect(await procheck(db, 'catalogue', 'export', out)).toMatchObject({ code: 0 });
    const shipped = readJson(join(SHIPPED, 'workshops.json')).workshops as { id: string; start: string }[];
    const exported = readJson(join(out, 'workshops.json'));
    expect(exported.workshops.map((w: { id: string }) => w.id).sort()).toEqual(shipped.map((w) => w.id).sort());
    expect(readJson(join(out, 'partners.json')).generalAdviser).toBe(readJson(join(SHIPPED, 'partners.json')).generalAdviser);

    // A chamber moves one workshop and drops another, then imports the folder.
    const edited = join(dir, 'edited');
    cpSync(out, edited, { recursive: true });
    const moved = exported.workshops[0];
    moved.start = '2027-03-04T17:00';
    delete moved.end;
    const dropped = exported.workshops.pop();
    writeFileSync(join(edited, 'workshops.json'), JSON.stringify(exported));
    const imported = await procheck(db, 'catalogue', 'import', edited);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining(`${shipped.length - 1} workshops`) });

    const again = join(dir, 'again');
    await procheck(db, 'catalogue', 'export', again);
    const back = readJson(join(again, 'workshops.json')).workshops as { id: string; start: string }[];
    expect(back.find((w) => w.id === moved.id)?.start).toBe('2027-03-04T17:00');
    expect(back.map((w) => w.id)).not.toContain(dropped.id);
  });

  it('refuses files that break the format and changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procheck-catalogue-'));
    const db = join(dir, 'procheck.db');
    const broken = join(dir, 'broken');
    cpSync(SHIPPED, broken, { recursive: true });
    const workshops = readJson(join(broken, 'workshops.json'));
    workshops.workshops[2].topics = ['telepathy'];
    writeFileSync(join(broken, 'workshops.json'), JSON.stringify(workshops));
    const result = await procheck(db, 'catalogue', 'import', broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('workshops[2].topics[0]: unknown topic "telepathy"');
  });
});

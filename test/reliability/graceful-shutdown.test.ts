import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestOnItsOwnConnection, startServerProcess } from '../helpers/server-process.ts';

describe('SIGTERM', () => {
  it('finishes requests in flight, stops accepting, closes the database and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procheck-term-'));
    const server = await startServerProcess({ PROCHECK_DB: join(dir, 'db.sqlite') });
    const inFlight = Array.from({ length: 30 }, () => requestOnItsOwnConnection(`${server.url}/api/assessments`, { body: { questionnaireId: 'handwerk-digital' } }).then((a) => a.status));
    await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill('SIGTERM');
    const statuses = await Promise.allSettled(inFlight);
    expect(await server.exited).toBe(0);
    // Each request either completed (201) or was refused cleanly while closing (503) — none got a half answer.
    const answered = statuses.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    for (const status of answered) expect([201, 503]).toContain(status);
    const db = new Database(join(dir, 'db.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM assessments').pluck().get()).toBe(answered.filter((s) => s === 201).length);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(server.logs.join('')).toContain('shutting down');
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

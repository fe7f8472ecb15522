import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process.ts';

/**
 * One request on a connection of its own, settled only by a complete answer (its status) or an error.
 * Not fetch: undici queues requests on a few pooled connections, and the ones queued behind a request
 * the closing server answered with 503 and `Connection: close` were seen to never settle, even after
 * the server had exited — a hang of the test client, not of the server.
 */
function postOnItsOwnConnection(url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode!));
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('answer cut off')));
    });
    request.on('error', reject);
    request.setTimeout(30_000, () => request.destroy(new Error('no answer within 30 s')));
    request.end(JSON.stringify(body));
  });
}

describe('SIGTERM', () => {
  it('finishes requests in flight, stops accepting, closes the database and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procheck-term-'));
    const server = await startServerProcess({ PROCHECK_DB: join(dir, 'db.sqlite') });
    const inFlight = Array.from({ length: 30 }, () => postOnItsOwnConnection(`${server.url}/api/assessments`, { questionnaireId: 'handwerk-digital' }));
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

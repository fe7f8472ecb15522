/**
 * The outbox survives a crash: the real server (a child process, as `npm
 * start` runs it) has one mail in the middle of its SMTP conversation (the
 * server holds the message and never answers) and one waiting behind it when
 * it is killed with SIGKILL. Restarted on the same database, it delivers both
 * — the interrupted one after its lease runs out — and each arrives exactly
 * once (the held copy was never accepted, so it is no duplicate).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';

const { prepared } = handwerkDigital();
const set = completeAnswerSet(prepared, 'middling');
const dir = mkdtempSync(join(tmpdir(), 'procheck-mail-kill-'));
const databaseFile = join(dir, 'procheck.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(url: string, method: string, path: string, code: string | null, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(code ? { 'x-resume-code': code } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function submittedCheck(url: string) {
  const created = (await call(url, 'POST', '/api/assessments', null, { questionnaireId: 'handwerk-digital' })).body as { id: string; resumeCode: string };
  expect((await call(url, 'PATCH', `/api/assessments/${created.id}`, created.resumeCode, { revision: 0, profile: set.profile, answers: set.answers, relevance: set.relevance })).status).toBe(200);
  expect((await call(url, 'POST', `/api/assessments/${created.id}/submit`, created.resumeCode)).status).toBe(200);
  return created;
}

function outboxRows(): { recipient: string; status: string; attempts: number }[] {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return db.prepare('SELECT recipient, status, attempts FROM mail_outbox ORDER BY row_id').all() as { recipient: string; status: string; attempts: number }[];
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('killing the server with SIGKILL while mail is queued and being sent', () => {
  it('the restarted server delivers every mail, each exactly once', { timeout: 120_000 }, async () => {
    // The first message is held without an answer: the app is mid-send when it dies.
    const sink = await startSmtpSink((n) => (n === 0 ? 'hold' : 'accept'));
    const env = {
      PROCHECK_DB: databaseFile,
      PROCHECK_SMTP_URL: sink.url,
      PROCHECK_MAIL_FROM: 'Kammer <check@hwk.example>',
      PROCHECK_MAIL_POLL_SECONDS: '0.2',
      PROCHECK_MAIL_RETRY_SECONDS: '0.2',
      // The claim of the interrupted mail runs out 2 s after it was taken.
      PROCHECK_MAIL_LEASE_SECONDS: '2',
      PROCHECK_MAIL_TIMEOUT_SECONDS: '60',
    };
    let server: ServerProcess = await startServerProcess(env);
    try {
      const first = await submittedCheck(server.url);
      const second = await submittedCheck(server.url);
      expect((await call(server.url, 'POST', `/api/assessments/${first.id}/mail-report`, first.resumeCode, { email: 'erste@example.org', locale: 'de' })).status).toBe(202);
      await until(() => sink.refused === 1);
      expect((await call(server.url, 'POST', `/api/assessments/${second.id}/mail-report`, second.resumeCode, { email: 'zweite@example.org', locale: 'en' })).status).toBe(202);

      server.child.kill('SIGKILL');
      await server.exited;
      expect(outboxRows()).toEqual([
        { recipient: 'erste@example.org', status: 'sending', attempts: 1 },
        { recipient: 'zweite@example.org', status: 'queued', attempts: 0 },
      ]);
      expect(sink.received).toHaveLength(0);

      const restarted = Date.now();
      server = await startServerProcess(env);
      await sink.waitFor(2, 60_000);
      const latency = Date.now() - restarted;
      // Time for a duplicate to show up, if there were going to be one.
      await new Promise((r) => setTimeout(r, 1_500));
      const recipients = sink.received.map((m) => m.envelopeTo.join(',')).sort();
      expect(recipients).toEqual(['erste@example.org', 'zweite@example.org']);
      expect(sink.received.find((m) => m.envelopeTo[0] === 'zweite@example.org')!.parsed.subject).toMatch(/^Your digital-maturity check result/);
      expect(sink.received.every((m) => m.parsed.attachments.length === 1)).toBe(true);
      expect(outboxRows()).toEqual([]);
      console.info(`after SIGKILL and restart, both mails delivered ${latency} ms after the restart began (lease 2 s)`);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      await sink.close();
    }
  });
});

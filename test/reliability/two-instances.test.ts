/**
 * Two procheck processes on one PostgreSQL database, as behind a load
 * balancer (issue 21, point 2; compose.yaml runs the same topology): a check
 * moves between them, a staff session and its CSRF token work on both, limits
 * count for both together, a tablet's retried sync is applied once, a queued
 * mail goes out once, and SIGKILL of one instance during concurrent submits
 * loses nothing that was acknowledged.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncChange } from '../../api/visits.ts';
import { RESUME_ALPHABET } from '../../server/assessments/resume-code.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { describeIfPostgres, freshDatabase } from '../helpers/postgres-server.ts';
import { type ServerProcess, requestOnItsOwnConnection, startServerProcess } from '../helpers/server-process.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const { prepared } = handwerkDigital();
const set = completeAnswerSet(prepared, 'middling', { trade: 'lebensmittel', employees: '5-9', postcode: '45657', companyName: 'Bäckerei Sonnenschein', email: 'info@sonnenschein.example' });
const answers = { profile: set.profile, answers: set.answers, relevance: set.relevance };
const ADMIN = { email: 'it@hwk.example', password: 'korrekt-pferd-batterie-zwei' };

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A request to one instance from one client address (the proxy's X-Forwarded-For), JSON in and out. */
async function call(instance: ServerProcess, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; client?: string } = {}): Promise<Answer> {
  const response = await fetch(`${instance.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), 'x-forwarded-for': init.client ?? '192.0.2.1', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

async function startCheck(instance: ServerProcess, client?: string) {
  const created = await call(instance, '/api/assessments', { body: { questionnaireId: 'handwerk-digital' }, client });
  expect(created.status).toBe(201);
  return created.body as { id: string; resumeCode: string; revision: number };
}

/** As a tablet makes one: random over the resume-code alphabet. */
function tabletResumeCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(64));
  const code = [...bytes].filter((b) => b < 248).slice(0, 28).map((b) => RESUME_ALPHABET[b % RESUME_ALPHABET.length]).join('');
  return code.match(/.{4}/g)!.join('-');
}

describeIfPostgres('two app instances on one PostgreSQL database', (serverUrl) => {
  let a: ServerProcess;
  let b: ServerProcess;
  let sink: SmtpSink;
  let env: Record<string, string>;

  const start = () => startServerProcess(env);
  beforeAll(async () => {
    sink = await startSmtpSink();
    env = {
      PROCHECK_DATABASE_URL: await freshDatabase(serverUrl),
      PROCHECK_TRUST_PROXY: '127.0.0.1',
      PROCHECK_PUBLIC_URL: 'https://check.hwk-beispiel.example',
      PROCHECK_SMTP_URL: sink.url,
      PROCHECK_MAIL_FROM: 'check@hwk-beispiel.example',
      PROCHECK_MAIL_POLL_SECONDS: '1',
      PROCHECK_CREATE_PER_MINUTE: '40',
      PROCHECK_RESUME_PER_MINUTE: '6',
      PROCHECK_DRAFT_RETENTION_DAYS: '30',
    };
    // Both start at once on the empty database: one migrates, the other waits for it.
    [a, b] = await Promise.all([start(), start()]);
    const added = spawnSync(process.execPath, ['bin/procheck.js', 'user', 'add', '--email', ADMIN.email, '--role', 'admin'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      input: ADMIN.password,
      encoding: 'utf8',
    });
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain(`created admin ${ADMIN.email}`);
  }, 120_000);
  afterAll(async () => {
    for (const instance of [a, b]) instance?.child.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    await sink?.close();
  });

  it('a check started on one instance is saved, resumed and submitted on the other', async () => {
    const check = await startCheck(a);
    const code = { 'x-resume-code': check.resumeCode };
    expect((await call(b, `/api/assessments/${check.id}`, { method: 'PATCH', headers: code, body: { revision: check.revision, ...answers } })).status).toBe(200);
    const resumed = await call(a, '/api/resume', { body: { resumeCode: check.resumeCode } });
    expect(resumed.body).toEqual({ id: check.id, status: 'draft' });
    expect((await call(a, `/api/assessments/${check.id}`, { headers: code })).body).toMatchObject({ id: check.id, revision: check.revision + 1, answers: set.answers });
    const submitted = await call(b, `/api/assessments/${check.id}/submit`, { headers: code, body: {} });
    expect(submitted.status).toBe(200);
    expect((await call(a, `/api/assessments/${check.id}/result`, { headers: code })).body).toEqual(submitted.body);
  });

  it('a staff session and its CSRF token work on both instances; logging out on one ends it on both', async () => {
    const login = await call(a, '/api/auth/login', { body: ADMIN });
    expect(login.status).toBe(200);
    const cookie = /procheck_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const staff = { cookie, 'x-csrf-token': login.body.csrfToken as string };
    expect((await call(b, '/api/auth/me', { headers: { cookie } })).body).toMatchObject({ user: { email: ADMIN.email } });
    // A state-changing request on the other instance, with the token the first handed out.
    const withoutToken = await call(b, '/api/auth/logout', { headers: { cookie }, body: {} });
    expect(withoutToken.status).toBe(403);
    expect((await call(b, '/api/auth/logout', { headers: staff, body: {} })).status).toBeLessThan(300);
    expect((await call(a, '/api/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  it('limits count the requests to both instances together', async () => {
    // Wrong resume codes from one address, alternating: the sixth wrong one (per minute) is the last answered as wrong.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await call(i % 2 ? b : a, '/api/resume', { body: { resumeCode: tabletResumeCode() }, client: '203.0.113.9' })).status);
    }
    expect(statuses.slice(0, 6).every((s) => s === 404 || s === 403)).toBe(true);
    expect(statuses.slice(6)).toEqual([429, 429]);
    // Checks started from one address: 40 a minute for the installation, not 40 per instance.
    const created: number[] = [];
    for (let i = 0; i < 42; i++) created.push((await call(i % 2 ? b : a, '/api/assessments', { body: { questionnaireId: 'handwerk-digital' }, client: '203.0.113.10' })).status);
    expect(created.filter((s) => s === 201)).toHaveLength(40);
    expect(created.slice(40)).toEqual([429, 429]);
  });

  it('a tablet batch retried on the other instance is applied once and answered the same', async () => {
    const login = await call(b, '/api/auth/login', { body: ADMIN });
    const cookie = /procheck_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const headers = { cookie, 'x-csrf-token': login.body.csrfToken as string };
    const visitId = randomUUID();
    const base = { visitId, questionnaireId: 'handwerk-digital', version: '1.0.0', deviceId: 'tablet-1' };
    const changes: SyncChange[] = [
      { ...base, changeId: randomUUID(), seq: 0, at: '2026-11-23T09:00:01.000Z', create: { resumeCode: tabletResumeCode(), visitDate: '2026-11-23', business: { name: 'Tischlerei Holz', trade: set.profile.trade!, employees: set.profile.employees!, postcode: set.profile.postcode! } } },
      { ...base, changeId: randomUUID(), seq: 1, at: '2026-11-23T09:00:02.000Z', set: answers },
    ];
    const [first, again] = [await call(a, '/api/sync', { headers, body: { changes } }), await call(b, '/api/sync', { headers, body: { changes } })];
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(first.body.results.map((r: { applied: boolean }) => r.applied)).toEqual([true, true]);
    const visit = await call(a, `/api/visits/${visitId}`, { headers: { cookie } });
    expect(visit.status).toBe(200);
    expect(visit.body.revision).toBe((await call(b, `/api/visits/${visitId}`, { headers: { cookie } })).body.revision);
  });

  it('a report mail asked for on one instance is sent once, though both instances work the queue', async () => {
    const check = await startCheck(b);
    const code = { 'x-resume-code': check.resumeCode };
    expect((await call(a, `/api/assessments/${check.id}`, { method: 'PATCH', headers: code, body: { revision: check.revision, ...answers } })).status).toBe(200);
    expect((await call(a, `/api/assessments/${check.id}/submit`, { headers: code, body: {} })).status).toBe(200);
    const before = sink.received.length;
    const asked = await call(a, `/api/assessments/${check.id}/mail-report`, { headers: code, body: { email: 'inhaber@sonnenschein.example', locale: 'de' } });
    expect(asked.status).toBe(202);
    await sink.waitFor(before + 1, 20_000);
    // Both instances poll every second: three more rounds would show a second delivery.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const reports = sink.received.slice(before).filter((m) => m.envelopeTo.includes('inhaber@sonnenschein.example'));
    expect(reports).toHaveLength(1);
  }, 60_000);

  it('SIGKILL of one instance during concurrent submits loses no acknowledged submit', async () => {
    const checks = [];
    for (let i = 0; i < 30; i++) {
      const instance = i % 2 ? b : a;
      const check = await startCheck(instance, `198.51.100.${i}`);
      expect((await call(instance, `/api/assessments/${check.id}`, { method: 'PATCH', headers: { 'x-resume-code': check.resumeCode }, body: { revision: check.revision, ...answers } })).status).toBe(200);
      checks.push(check);
    }
    const submits = checks.map((check, i) =>
      requestOnItsOwnConnection(`${(i % 2 ? b : a).url}/api/assessments/${check.id}/submit`, { headers: { 'x-resume-code': check.resumeCode }, body: {} }).then(
        (answer) => answer.status,
        () => 0,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 40));
    a.child.kill('SIGKILL');
    const statuses = await Promise.all(submits);
    await a.exited;
    a = await start();
    const acknowledged = checks.filter((_, i) => statuses[i] === 200);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [i, check] of checks.entries()) {
      const code = { 'x-resume-code': check.resumeCode };
      const [onA, onB] = [await call(a, `/api/assessments/${check.id}/result`, { headers: code }), await call(b, `/api/assessments/${check.id}/result`, { headers: code })];
      if (statuses[i] === 200) expect(onA.status).toBe(200);
      // Never half: a check is either submitted with its result on both, or still a draft on both.
      expect(onB.status).toBe(onA.status);
      if (onA.status !== 200) expect((await call(b, `/api/assessments/${check.id}`, { headers: code })).body).toMatchObject({ status: 'draft' });
    }
    console.log(`two instances: ${acknowledged.length} of ${checks.length} submits acknowledged before SIGKILL, all found after restart`);
  }, 120_000);
});

/**
 * Requests per second of PATCH autosave and of submit on loopback, as a ratio
 * against a bare Fastify route measured in the same run (issue 21: autosave
 * ≥ 0.5, submit ≥ 0.25), with p99 latency. Every PATCH is a real autosave
 * (validated, merged, written), and every submit scores a fresh, complete
 * draft and commits it at synchronous=FULL — in a group commit with the
 * submits beside it; the mean number of submits per commit is printed too.
 * Measured on SQLite and, where its server binaries exist, on a throwaway
 * PostgreSQL server (each instance then commits on its own; PostgreSQL groups
 * the fsyncs of concurrent commits itself).
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.ts';
import { completeAnswerSet } from '../test/helpers/answer-sets.ts';
import { createAssessment, patchAssessment } from '../test/helpers/api-client.ts';
import { freshDatabase, startPostgres } from '../test/helpers/postgres-server.ts';
import { handwerkDigital } from '../test/helpers/shipped.ts';
import { type Figure, isMain, printFigures } from './figures.ts';

const CONNECTIONS = 10;
const DURATION_S = 5;

interface Load {
  requestsPerSecond: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(options: autocannon.Options): Promise<Load> {
  const start = performance.now();
  let last = start;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, ...(options.amount ? {} : { duration: DURATION_S }), ...options }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', () => (last = performance.now()));
  });
  // Completed requests from the first sent to the last answered: autocannon's own rate, and its run, end on whole
  // seconds, which for a fixed amount of requests rounds the rate to amount / n (8,000 in 3.1 s and in 3.9 s: 2,000/s).
  const seconds = (last - start) / 1000;
  return { requestsPerSecond: result.requests.total / seconds, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

interface EngineLoad {
  patch: Load;
  submit: Load;
  /** Submits per commit (SQLite's group commit); empty on PostgreSQL, which groups commits itself. */
  batches: number[];
}

/** Autosaves and submits against procheck on one database engine. */
async function measure(database: { databaseUrl?: string }): Promise<EngineLoad> {
  const dir = mkdtempSync(join(tmpdir(), 'procheck-bench-'));
  const batches: number[] = [];
  const app = await buildApp({
    databaseFile: join(dir, 'bench.db'),
    ...database,
    onSubmitBatch: (size) => batches.push(size),
    rateLimits: { createPerMinute: 1e9, resumePerMinute: 1e9, resumeGlobalPerMinute: 1e9 },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const { prepared } = handwerkDigital();
  const set = completeAnswerSet(prepared, 'middling');
  const answerIds = Object.keys(set.answers);

  // Autosave: each PATCH saves one answer into a draft at its current revision.
  // (Drafts are fresh so no request waits on another's revision.)
  const fresh: Awaited<ReturnType<typeof createAssessment>>[] = [];
  for (let i = 0; i < 8000; i++) fresh.push(await createAssessment(app));
  let next = 0;
  const patch = await load({
    url,
    amount: fresh.length,
    requests: [
      {
        method: 'PATCH',
        setupRequest: (request) => {
          const n = next++;
          const check = fresh[n % fresh.length]!;
          const id = answerIds[n % answerIds.length]!;
          return {
            ...request,
            path: `/api/assessments/${check.id}`,
            headers: { 'content-type': 'application/json', 'x-resume-code': check.resumeCode },
            body: JSON.stringify({ revision: 0, answers: { [id]: set.answers[id] } }),
          };
        },
      },
    ],
  });

  // Submit: a queue of complete drafts, each submitted exactly once.
  const drafts: Awaited<ReturnType<typeof createAssessment>>[] = [];
  for (let i = 0; i < 4000; i++) {
    const created = await createAssessment(app);
    await patchAssessment(app, created, { revision: 0, profile: set.profile, answers: set.answers, relevance: set.relevance });
    drafts.push(created);
  }
  let queued = 0;
  const submit = await load({
    url,
    amount: drafts.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const draft = drafts[queued++ % drafts.length]!;
          return { ...request, path: `/api/assessments/${draft.id}/submit`, headers: { 'x-resume-code': draft.resumeCode } };
        },
      },
    ],
  });
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return { patch, submit, batches };
}


export async function run(): Promise<Figure[]> {
  const bare = Fastify();
  bare.patch('/bare', async () => ({ ok: true }));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const baseline = await load({ url: `${bareUrl}/bare`, method: 'PATCH', body: '{"revision":0,"answers":{"kunden-website":"aktuell"}}', headers: { 'content-type': 'application/json' } });
  await bare.close();

  const sqlite = await measure({});
  // PostgreSQL where its server binaries exist: a throwaway server, as the tests start one.
  const server = await startPostgres();
  let postgres: EngineLoad | null = null;
  try {
    if (server) postgres = await measure({ databaseUrl: await freshDatabase(server.url) });
  } finally {
    await server?.stop();
  }

  const base = { name: 'bare Fastify PATCH', value: baseline.requestsPerSecond };
  const figure = (name: string, engine: string, l: Load, goal: number): Figure[] => [
    {
      name: `${name} requests/s (${engine})`,
      value: l.requestsPerSecond,
      unit: 'req/s',
      target: `≥ ${goal} × bare`,
      pass: l.requestsPerSecond / baseline.requestsPerSecond >= goal && l.non2xx === 0,
      baseline: base,
      ratio: l.requestsPerSecond / baseline.requestsPerSecond,
    },
    { name: `${name} p99 latency, ${engine} (non-2xx: ${l.non2xx})`, value: l.p99, unit: 'ms', target: 'informative', pass: true },
  ];
  // Only the batches of the measured submits (the drafts were patched, not submitted, before).
  const { batches } = sqlite;
  const perCommit = batches.reduce((a, b) => a + b, 0) / Math.max(1, batches.length);
  return [
    ...figure('PATCH autosave', 'SQLite', sqlite.patch, 0.5),
    ...figure('submit', 'SQLite', sqlite.submit, 0.25),
    { name: `submits per FULL commit (SQLite group commit, ${CONNECTIONS} connections; max ${Math.max(0, ...batches)})`, value: perCommit, unit: 'submits', target: 'informative', pass: true },
    ...(postgres
      ? [...figure('PATCH autosave', 'PostgreSQL', postgres.patch, 0.5), ...figure('submit', 'PostgreSQL', postgres.submit, 0.25)]
      : [{ name: 'PostgreSQL: not measured (no server binaries in /usr/lib/postgresql)', value: 0, unit: '', target: 'informative', pass: true }]),
    { name: 'bare Fastify p99 latency', value: baseline.p99, unit: 'ms', target: 'informative', pass: true },
  ];
}

if (isMain(import.meta.url)) printFigures('bench/api', await run());

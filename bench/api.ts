/**
 * Requests per second of PATCH autosave and of submit on loopback, as a ratio
 * against a bare Fastify route measured in the same run (target ≥ 0.5), with
 * p99 latency. Every PATCH is a real autosave with the right revision, and
 * every submit scores a fresh, complete draft.
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.ts';
import { completeAnswerSet } from '../test/helpers/answer-sets.ts';
import { createAssessment, patchAssessment } from '../test/helpers/api-client.ts';
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
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options });
  return { requestsPerSecond: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

export async function run(): Promise<Figure[]> {
  const bare = Fastify();
  bare.patch('/bare', async () => ({ ok: true }));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const baseline = await load({ url: `${bareUrl}/bare`, method: 'PATCH', body: '{"revision":0}', headers: { 'content-type': 'application/json' } });
  await bare.close();

  const dir = mkdtempSync(join(tmpdir(), 'procheck-bench-'));
  const app = await buildApp({
    databaseFile: join(dir, 'bench.db'),
    rateLimits: { createPerMinute: 1e9, resumePerMinute: 1e9, resumeGlobalPerMinute: 1e9 },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const { prepared } = handwerkDigital();
  const set = completeAnswerSet(prepared, 'middling');
  const answerIds = Object.keys(set.answers);

  // Autosave: each connection edits its own check, as one browser tab does.
  const own = await Promise.all(Array.from({ length: CONNECTIONS }, () => createAssessment(app)));
  let next = 0;
  const patch = await load({
    url,
    requests: [
      {
        method: 'PATCH',
        setupRequest: (request, context) => {
          const ctx = context as { check?: (typeof own)[number]; revision?: number; n?: number };
          ctx.check ??= own[next++ % own.length];
          ctx.revision ??= 0;
          ctx.n = (ctx.n ?? 0) + 1;
          const id = answerIds[ctx.n % answerIds.length]!;
          return {
            ...request,
            path: `/api/assessments/${ctx.check!.id}`,
            headers: { 'content-type': 'application/json', 'x-resume-code': ctx.check!.resumeCode },
            body: JSON.stringify({ revision: ctx.revision, answers: { [id]: set.answers[id] } }),
          };
        },
        onResponse: (status, body, context) => {
          if (status === 200) (context as { revision?: number }).revision = (JSON.parse(body) as { revision: number }).revision;
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
    duration: undefined,
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

  const base = { name: 'bare Fastify PATCH', value: baseline.requestsPerSecond };
  const figure = (name: string, l: Load): Figure[] => [
    {
      name: `${name} requests/s`,
      value: l.requestsPerSecond,
      unit: 'req/s',
      target: '≥ 0.5 × bare',
      pass: l.requestsPerSecond / baseline.requestsPerSecond >= 0.5 && l.non2xx === 0,
      baseline: base,
      ratio: l.requestsPerSecond / baseline.requestsPerSecond,
    },
    { name: `${name} p99 latency (non-2xx: ${l.non2xx})`, value: l.p99, unit: 'ms', target: 'informative', pass: true },
  ];
  return [...figure('PATCH autosave', patch), ...figure('submit', submit), { name: 'bare Fastify p99 latency', value: baseline.p99, unit: 'ms', target: 'informative', pass: true }];
}

if (isMain(import.meta.url)) printFigures('bench/api', await run());

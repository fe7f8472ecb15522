/**
 * Not a figure: a server under autosave or submit load, profiled. The load
 * generator (autocannon, 10 connections) runs in a child process, and V8's CPU
 * profiler — the one behind `node --cpu-prof` — runs only while the load does,
 * so the profile is the server's hot path without the set-up of thousands of
 * drafts. See docs/performance.md for how it is read.
 *
 *   npx tsx bench/profile/api-under-load.ts patch|submit [checks] [out.cpuprofile]
 *   npx tsx bench/profile/top-frames.ts out.cpuprofile
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.ts';
import { completeAnswerSet } from '../../test/helpers/answer-sets.ts';
import { createAssessment, patchAssessment } from '../../test/helpers/api-client.ts';
import { handwerkDigital } from '../../test/helpers/shipped.ts';

const mode = process.argv[2] === 'submit' ? 'submit' : 'patch';
const count = Number(process.argv[3] ?? (mode === 'submit' ? 4000 : 8000));
const dir = mkdtempSync(join(tmpdir(), 'procheck-profile-'));
const app = await buildApp({ databaseFile: join(dir, 'profile.db'), clientDir: null, rateLimits: { createPerMinute: 1e9, resumePerMinute: 1e9, resumeGlobalPerMinute: 1e9 } });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const set = completeAnswerSet(handwerkDigital().prepared, 'middling');
const checks: { id: string; resumeCode: string }[] = [];
for (let i = 0; i < count; i++) {
  const created = await createAssessment(app);
  if (mode === 'submit') await patchAssessment(app, created, { revision: 0, profile: set.profile, answers: set.answers, relevance: set.relevance });
  checks.push({ id: created.id, resumeCode: created.resumeCode });
}
const body = Object.keys(set.answers).map((id) => JSON.stringify({ revision: 0, answers: { [id]: set.answers[id] } }));
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const loader = fork(new URL('./load-worker.mjs', import.meta.url), { execArgv: [] });
const figures = await new Promise((resolve, reject) => loader.once('message', resolve).once('error', reject).send({ url, mode, checks, body, connections: 10 }));
const { profile } = await session.post('Profiler.stop');
const out = process.argv[4] ?? join(tmpdir(), `procheck-${mode}.cpuprofile`);
writeFileSync(out, JSON.stringify(profile));
console.log(mode, figures, out);
await app.close();
rmSync(dir, { recursive: true, force: true });

/**
 * Not a figure: the results.csv writer over a seeded database, profiled with
 * V8's CPU profiler (as `node --cpu-prof`) while the stream is drained.
 *
 *   BENCH_EXPORT_RESULTS=200000 npx tsx bench/profile/export-results.ts [out.cpuprofile] [http]
 *
 * With `http`, the export is fetched from the listening app as the bench does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportVocabulary } from '../../reports/export-tables.ts';
import { buildApp } from '../../server/app.ts';
import { rebuildFacts } from '../../server/db/facts-repository.ts';
import { openSqliteClient } from '../../server/db/sqlite-client.ts';
import { exportResultsCsv } from '../../server/stats/export-results.ts';
import { createUser, login } from '../../test/helpers/accounts.ts';
import { handwerkDigital } from '../../test/helpers/shipped.ts';
import { seed } from '../export.ts';

const dir = mkdtempSync(join(tmpdir(), 'procheck-profile-export-'));
const file = join(dir, 'export.db');
await seed(file);
{
  const sql = await openSqliteClient({ file });
  await rebuildFacts(sql);
  await sql.close();
}
const { prepared, catalogue } = handwerkDigital();
const app = await buildApp({ databaseFile: file, clientDir: null });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const staff = process.argv[3] === 'http' ? await login(app, (await createUser(app, 'staff', 'profile@example.org')).email) : undefined;
const vocabulary = exportVocabulary(prepared, catalogue, 'de');
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const start = performance.now();
let bytes = 0;
if (process.argv[3] === 'http') {
  const response = await fetch(`${url}/api/exports/results.csv`, { headers: { cookie: staff!.cookie } });
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.length;
} else {
  const { stream } = await exportResultsCsv(app.sql, { questionnaireId: 'handwerk-digital' }, vocabulary, (error) => {
    throw error;
  });
  await pipeline(stream, new Writable({ write(chunk: Buffer, _encoding, done) { bytes += chunk.length; done(); } }));
}
const seconds = (performance.now() - start) / 1000;
const { profile } = await session.post('Profiler.stop');
const out = process.argv[2] ?? join(tmpdir(), 'procheck-export.cpuprofile');
writeFileSync(out, JSON.stringify(profile));
console.log(`${bytes} bytes in ${seconds.toFixed(2)} s`, out);
await app.close();
rmSync(dir, { recursive: true, force: true });

/**
 * A million submitted results: the dashboard's aggregate query (target
 * ≤ 300 ms), the results export's rows per second (≥ 200,000/s) and its peak
 * memory (< 200 MB). Baselines from the same run: a naive full scan of
 * `results`, and iterating the same rows without writing CSV. On SQLite and,
 * where its server binaries exist, on a throwaway PostgreSQL server.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { copyDatabase } from '../server/db/copy-database.ts';
import { openSqlClient } from '../server/db/open-sql-client.ts';
import { openDatabase } from '../server/db/open-database.ts';
import { rebuildFacts } from '../server/db/facts-repository.ts';
import { openSqliteClient } from '../server/db/sqlite-client.ts';
import { createUser, login } from '../test/helpers/accounts.ts';
import { freshDatabase, startPostgres } from '../test/helpers/postgres-server.ts';
import { handwerkDigital } from '../test/helpers/shipped.ts';
import { type Figure, isMain, median } from './figures.ts';
import { printFigures } from './figures.ts';

const RESULTS = Number(process.env.BENCH_EXPORT_RESULTS ?? 1_000_000);

/** A deterministic pseudo-random sequence, so every run seeds the same data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

export async function seed(file: string): Promise<void> {
  const db = await openDatabase({ file });
  const { prepared } = handwerkDigital();
  const trades = [...prepared.tradeIds];
  const bands = [...prepared.employeeBandIds];
  const regions = ['bottrop', 'gelsenkirchen', 'kreis-recklinghausen', null];
  const dimensions = prepared.definition.dimensions.map((d) => d.id);
  const levelOf = (score: number) => [...prepared.levels].reverse().find((l) => score >= l.minScore)!.id;
  const next = random(42);
  const assessment = db.prepare(
    "INSERT INTO assessments (id, resume_hash, questionnaire_id, questionnaire_version, questionnaire_hash, status, channel, created_at, updated_at, submitted_at) VALUES (?, ?, 'handwerk-digital', '1.0.0', ?, 'submitted', ?, ?, ?, ?)",
  );
  const result = db.prepare(
    `INSERT INTO results (assessment_row_id, questionnaire_id, questionnaire_version, questionnaire_hash, trade, employees, region, channel, overall_score, overall_level, dimension_scores, submitted_at, submitted_month)
     VALUES (?, 'handwerk-digital', '1.0.0', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMany = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const month = `${2025 + Math.floor(i / (RESULTS / 2))}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`;
      const at = `${month}-15T10:00:00.000Z`;
      const channel = next() < 0.2 ? 'visit' : 'online';
      const scores = dimensions.map(() => Math.round(next() * 1000) / 10);
      const overall = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
      const rowId = Number(assessment.run(randomUUID(), randomUUID(), prepared.hash, channel, at, at, at).lastInsertRowid);
      result.run(
        rowId, prepared.hash, trades[Math.floor(next() * trades.length)]!, bands[Math.floor(next() * bands.length)]!, regions[Math.floor(next() * regions.length)] ?? null, channel,
        overall, levelOf(overall), JSON.stringify(Object.fromEntries(dimensions.map((d, k) => [d, [scores[k]!, levelOf(scores[k]!), true]]))), at, month,
      );
    }
  });
  for (let from = 0; from < RESULTS; from += 50_000) insertMany(from, Math.min(RESULTS, from + 50_000));
  db.close();
}

interface EngineFigures {
  naive: number;
  dashboard: number;
  rawRate: number;
  rate: number;
  rows: number;
  peakMb: number;
}

/** The dashboard and the export of one app, each against its same-run baseline. */
async function measure(app: FastifyInstance): Promise<EngineFigures> {
  const user = await createUser(app, 'staff', `bench-${app.sql.dialect}@example.org`);
  const session = await login(app, user.email);

  // Baseline: the naive query over every result row.
  const naiveTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await app.sql.all("SELECT trade, count(*) AS n, avg(overall_score) AS mean FROM results WHERE questionnaire_id = 'handwerk-digital' GROUP BY trade");
    naiveTimes.push(performance.now() - start);
  }
  const naive = median(naiveTimes);
  const dashboardTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    const response = await app.inject({ url: '/api/stats?groupBy=trade', headers: { cookie: session.cookie } });
    dashboardTimes.push(performance.now() - start);
    if (response.statusCode !== 200) throw new Error(response.body);
  }
  const dashboard = median(dashboardTimes);

  // Baseline: iterating the same rows from a snapshot, as the export reads them, without formatting CSV.
  const rawStart = performance.now();
  let rawRows = 0;
  const snapshot = await app.sql.snapshot();
  for await (const batch of snapshot.iterateRaw('SELECT * FROM results', [], 2000)) rawRows += batch.length;
  await snapshot.close();
  const rawRate = rawRows / ((performance.now() - rawStart) / 1000);

  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const exportStart = performance.now();
  // Uncompressed: the figure is the export's own rate, whatever the compression plugin and the client negotiate.
  const response = await fetch(`${url}/api/exports/results.csv`, { headers: { cookie: session.cookie, 'accept-encoding': 'identity' } });
  let lines = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines++;
  }
  const exportSeconds = (performance.now() - exportStart) / 1000;
  clearInterval(sampler);
  const rows = lines - 1;
  const rate = rows / exportSeconds;
  const peakMb = (peak - rssBefore) / 1024 / 1024;
  return { naive, dashboard, rawRate, rate, rows, peakMb };
}


export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'procheck-bench-export-'));
  const file = join(dir, 'bench.db');
  const seedStart = performance.now();
  await seed(file);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const rebuildStart = performance.now();
  {
    const sql = await openSqliteClient({ file });
    await rebuildFacts(sql);
    await sql.close();
  }
  const rebuildSeconds = (performance.now() - rebuildStart) / 1000;

  const sqliteApp = await buildApp({ databaseFile: file, clientDir: null });
  const sqlite = await measure(sqliteApp);
  await sqliteApp.close();

  // The same million results on a throwaway PostgreSQL server, copied over as `procheck migrate --to` would.
  let postgres: EngineFigures | null = null;
  const server = await startPostgres();
  try {
    if (server) {
      const url = await freshDatabase(server.url);
      const from = await openSqliteClient({ file });
      const to = await openSqlClient({ file, url });
      await copyDatabase({ from, to });
      await Promise.all([from.close(), to.close()]);
      const postgresApp = await buildApp({ databaseFile: file, databaseUrl: url, clientDir: null });
      postgres = await measure(postgresApp);
      await postgresApp.close();
    }
  } finally {
    await server?.stop();
  }
  rmSync(dir, { recursive: true, force: true });

  const engineFigures = (engine: string, f: EngineFigures): Figure[] => [
    { name: `dashboard aggregate query (GET /api/stats?groupBy=trade, ${engine})`, value: f.dashboard, unit: 'ms', target: '≤ 300 ms', pass: f.dashboard <= 300, baseline: { name: 'naive GROUP BY over results', value: f.naive }, ratio: f.dashboard / f.naive },
    { name: `results.csv export (${f.rows.toLocaleString('en')} rows, ${engine})`, value: f.rate, unit: 'rows/s', target: '≥ 200,000 rows/s', pass: f.rate >= 200_000, baseline: { name: 'iterate rows, no CSV', value: f.rawRate }, ratio: f.rate / f.rawRate },
    { name: `results.csv export peak memory (RSS growth, ${f.rows.toLocaleString('en')} rows, ${engine})`, value: f.peakMb, unit: 'MB', target: '< 200 MB', pass: f.peakMb < 200 },
  ];
  return [
    { name: `seed ${RESULTS.toLocaleString('en')} results (+ rebuild facts ${rebuildSeconds.toFixed(1)} s)`, value: seedSeconds, unit: 's', target: 'informative', pass: true },
    ...engineFigures('SQLite', sqlite),
    ...(postgres ? engineFigures('PostgreSQL', postgres) : [{ name: 'PostgreSQL: not measured (no server binaries in /usr/lib/postgresql)', value: 0, unit: '', target: 'informative', pass: true }]),
  ];
}

if (isMain(import.meta.url)) printFigures('bench/export', await run());

/**
 * The fast results.csv writer (server/stats/results-csv-writer.ts) writes the
 * same bytes as the export wrote before it, on random data: the reference
 * below is the previous export loop, kept verbatim (JSON.parse of every row,
 * release lookup per row, `resultsLineFormatter`). The data mixes what the
 * fast path reads with what it must leave to the general one: small cells
 * (coarsened, withheld), dimensions without basis (hidden per class), the
 * older two-element scores, missing dimensions, odd and non-canonical
 * numbers, escaped and formula-like levels, labels that need quoting.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_BOM, csvLine } from '../../reports/export-csv.ts';
import { type ExportVocabulary, exportVocabulary, resultsHeader, resultsLineFormatter } from '../../reports/export-tables.ts';
import { readFactCells } from '../../server/db/fact-cells.ts';
import { type FactFilters, type FactRow, createFactsReader, rebuildFacts } from '../../server/db/facts-repository.ts';
import type { SnapshotReader, SqlClient, SqlQueries } from '../../server/db/sql-client.ts';
import { migratePostgres } from '../../server/db/migrate-postgres.ts';
import { createPostgresClient } from '../../server/db/postgres-client.ts';
import { openSqliteClient } from '../../server/db/sqlite-client.ts';
import { exportResultsCsv } from '../../server/stats/export-results.ts';
import { type Release, type ReleasedKey, inView, releaseCells } from '../../server/stats/release.ts';
import { type ResultsCsvRow, resultsCsvLines, resultsSql } from '../../server/stats/results-csv-writer.ts';
import { describeIfPostgres, freshDatabase } from '../helpers/postgres-server.ts';
import { handwerkDigital } from '../helpers/shipped.ts';

type RawRow = [string, string, string, string | null, string | null, string | null, string, number, string, string];

/** The export loop before issue 21, as it was (but for reading the rows through the SqlClient). */
async function referenceLines(reader: Pick<SqlQueries, 'all'>, release: Release, filters: FactFilters, vocabulary: ExportVocabulary): Promise<string> {
  const rows = (
    await reader.all<Record<string, string | number | null>>(
      `SELECT questionnaire_id, questionnaire_version, channel, trade, employees, region, submitted_month, overall_score, overall_level,
              dimension_scores
       FROM results WHERE questionnaire_id = ? ORDER BY assessment_row_id`,
      [filters.questionnaireId],
    )
  ).map((row) => Object.values(row) as RawRow);
  const format = resultsLineFormatter(vocabulary);
  const selected = new Map<ReleasedKey, boolean>();
  const inThisView = (key: ReleasedKey) => {
    let yes = selected.get(key);
    if (yes === undefined) selected.set(key, (yes = inView(key, filters)));
    return yes;
  };
  let out = '';
  for (const r of rows) {
    const key = release.of({ version: r[1], channel: r[2], trade: r[3] ?? '', employees: r[4] ?? '', region: r[5] ?? '', month: r[6] });
    if (!key || !inThisView(key)) continue;
    const scores = JSON.parse(r[9]) as Record<string, [number, string, boolean?]>;
    const hidden = release.hidden(key);
    if (hidden.size) for (const id of hidden) if (scores[id]) scores[id]![2] = false;
    out += format({
      period: key.period, questionnaireId: r[0], version: key.version, channel: key.channel, trade: key.trade, employees: key.employees, region: key.region,
      overallScore: r[7], overallLevel: r[8], dimensionScores: scores,
    });
  }
  return out;
}

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

const { prepared, catalogue } = handwerkDigital();
const dimensions = prepared.definition.dimensions.map((d) => d.id);
const levels = prepared.definition.levels.map((l) => l.id);
const trades = [...prepared.tradeIds];
const bands = [...prepared.employeeBandIds];

/** A dimension's stored score as text: mostly what the engine writes, sometimes what only the general path reads. */
function scoreText(next: () => number): string {
  const odd = ['0', '100', '33.333333333333336', '1e-7', '41.70', '4.17e1', '-0', '0.0', '7.5', '99.9', '1.5e+21', '-3', '0.0000001', '12345678901234567890', '0.05', '123456', '1.25'];
  if (next() < 0.1) return odd[Math.floor(next() * odd.length)]!;
  return JSON.stringify(Math.round(next() * 1000) / 10);
}

function levelText(next: () => number): string {
  const odd = ['unbekannt', '=SUMME(A1)', 'a;b', 'mit \\"Anführung\\"', 'ä-stufe'];
  return JSON.stringify(next() < 0.05 ? JSON.parse(`"${odd[Math.floor(next() * odd.length)]!}"`) : levels[Math.floor(next() * levels.length)]!);
}

function dimensionScores(next: () => number, trade: string | null): string {
  const parts: string[] = [];
  const order = next() < 0.1 ? [...dimensions].reverse() : dimensions;
  for (const id of order) {
    if (next() < 0.05) continue; // missing dimension
    const basis = next();
    // The food trade mostly without basis in one dimension, so its small classes hide it.
    const hasBasis = trade === trades[2] && id === dimensions[1] ? next() < 0.3 : basis > 0.1;
    const third = next() < 0.15 ? '' : `,${hasBasis}`; // older results stored [score, level]
    parts.push(`"${id}":[${scoreText(next)},${levelText(next)}${third}]`);
  }
  if (next() < 0.03) parts.push('"unbekannte-dimension":[12.5,"x",true]');
  return next() < 0.05 ? `{ ${parts.join(', ')} }` : `{${parts.join(',')}}`;
}

async function seed(sql: SqlClient, count: number, seedValue: number): Promise<void> {
  const next = random(seedValue);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
  await sql.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const questionnaireId = next() < 0.05 ? 'anderer-check' : 'handwerk-digital';
      const version = next() < 0.7 ? '1.1.0' : '1.0.0';
      const month = `${pick(['2025', '2026'])}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`;
      const channel = next() < 0.15 ? 'visit' : 'online';
      // Some big cells (shown as they are), many small ones (coarsened or withheld).
      const common = next() < 0.5;
      const trade = common ? trades[0]! : next() < 0.1 ? null : pick(trades);
      const employees = common ? bands[1]! : next() < 0.1 ? null : pick(bands);
      const region = common ? 'bottrop' : pick(['gelsenkirchen', 'kreis-recklinghausen', null, 'unbekannt']);
      const at = `${month}-15T10:00:00.000Z`;
      const { row_id: rowId } = (await tx.get<{ row_id: number }>(
        `INSERT INTO assessments (id, resume_hash, questionnaire_id, questionnaire_version, questionnaire_hash, status, channel, created_at, updated_at, submitted_at)
         VALUES (?, ?, ?, ?, 'h', 'submitted', ?, ?, ?, ?) RETURNING row_id`,
        [randomUUID(), randomUUID(), questionnaireId, version, channel, at, at, at],
      ))!;
      const overall = next() < 0.05 ? pick([0, 100, 33.333333333333336, 1e-7]) : Math.round(next() * 1000) / 10;
      await tx.run(
        `INSERT INTO results (assessment_row_id, questionnaire_id, questionnaire_version, questionnaire_hash, trade, employees, region, channel, overall_score, overall_level, dimension_scores, submitted_at, submitted_month)
         VALUES (?, ?, ?, 'h', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [rowId, questionnaireId, version, trade, employees, region, channel, overall, JSON.parse(levelText(next)) as string, dimensionScores(next, trade), at, month],
      );
    }
  });
}

let dir: string;
let sql: SqlClient;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'procheck-csv-writer-'));
  sql = await openSqliteClient({ file: join(dir, 'w.db') });
  await seed(sql, 4000, 7);
  await rebuildFacts(sql);
});
afterAll(async () => {
  await sql.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The whole export as text. */
async function exported(client: SqlClient, filters: FactFilters, vocabulary: ExportVocabulary): Promise<string> {
  const { stream } = await exportResultsCsv(client, filters, vocabulary, (error) => expect.unreachable(String(error)));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Everything the writer yields, as one Buffer. */
async function drain(lines: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of lines) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const plain = exportVocabulary(prepared, catalogue, 'de');
// Labels that need quoting, a formula start and a separator, so the cached prefixes carry escaped text.
const awkward: ExportVocabulary = {
  ...plain,
  trade: (id) => (id === trades[0] ? 'Bau; "Ausbau"' : plain.trade(id)),
  region: (id) => (id === 'bottrop' ? '=Bottrop' : plain.region(id)),
  level: (id) => (id === levels[0] ? ' Einsteiger ' : plain.level(id)),
};

const filterCases: [string, Omit<FactFilters, 'questionnaireId'>][] = [
  ['no filter', {}],
  ['a trade', { trade: trades[0]! }],
  ['a channel', { channel: 'visit' }],
  ['a version', { version: '1.1.0' }],
  ['a period', { from: '2025-04', to: '2026-03' }],
  ['a size band and a region', { employees: bands[1]!, region: 'bottrop' }],
];

describe('resultsCsvLines', () => {
  describe.each([
    ['German labels', plain],
    ['labels that need quoting', awkward],
    ['English labels', exportVocabulary(prepared, catalogue, 'en')],
  ])('with %s', (_name, vocabulary) => {
    it.each(filterCases)('writes the bytes the previous export wrote, with %s', async (_case, more) => {
      const filters: FactFilters = { questionnaireId: 'handwerk-digital', ...more };
      const snapshot: SnapshotReader = await sql.snapshot();
      try {
        const release = releaseCells(await readFactCells(snapshot, filters.questionnaireId));
        expect(release.counts.coarsened).toBeGreaterThan(0);
        const expected = await referenceLines(snapshot, release, filters, vocabulary);
        // Small batches, so rows of one chunk come from several of them.
        const written = await drain(resultsCsvLines(vocabulary, release, filters)(snapshot.iterateRaw<ResultsCsvRow>(resultsSql(sql.dialect), [filters.questionnaireId], 97)));
        expect(written.length).toBeGreaterThan(0);
        expect(written.toString('utf8')).toBe(expected);
      } finally {
        await snapshot.close();
      }
    });
  });

  it('reads the same rows fed as one list of batches', async () => {
    const filters: FactFilters = { questionnaireId: 'handwerk-digital' };
    const release = releaseCells(await readFactCells(sql, filters.questionnaireId));
    const rows = (await sql.all<Record<string, string | number>>(resultsSql(sql.dialect), [filters.questionnaireId])).map((row) => Object.values(row) as ResultsCsvRow);
    expect(rows.length).toBeGreaterThan(1000);
    const written = await drain(resultsCsvLines(plain, release, filters)([rows.slice(0, 1), rows.slice(1, 1000), [], rows.slice(1000)]));
    expect(written.toString('utf8')).toBe(await referenceLines(sql, release, filters, plain));
  });

  it('hides the dimensions a class has too few scores in, as before', async () => {
    const release = releaseCells(await readFactCells(sql, 'handwerk-digital'));
    const hiding = release.keys.filter((key) => key && release.hidden(key).size > 0);
    expect(hiding.length).toBeGreaterThan(0);
  });
});

describe('exportResultsCsv', () => {
  it('streams the header and the same rows, in chunks of about 64 KB', async () => {
    const filters: FactFilters = { questionnaireId: 'handwerk-digital' };
    const release = releaseCells(await readFactCells(sql, filters.questionnaireId));
    const expected = CSV_BOM + csvLine(resultsHeader(plain)) + (await referenceLines(sql, release, filters, plain));
    const { stream } = await exportResultsCsv(sql, filters, plain, (error) => expect.unreachable(String(error)));
    const chunks: Buffer[] = [];
    await pipeline(stream, new Writable({ write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    } }));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(80 * 1024);
  });

  it.each([
    ['before its first read', 0],
    ['after its first chunks', 3],
  ])('gives the snapshot back when the download is cancelled %s', async (_when, reads) => {
    let opened = 0;
    let closed = 0;
    const counting: SqlClient = {
      ...sql,
      dialect: sql.dialect,
      snapshot: async () => {
        const snapshot = await sql.snapshot();
        opened++;
        return { ...snapshot, close: async () => {
          closed++;
          await snapshot.close();
        } };
      },
    };
    const { stream } = await exportResultsCsv(counting, { questionnaireId: 'handwerk-digital' }, plain, (error) => expect.unreachable(String(error)));
    for (let i = 0; i < reads; i++) await new Promise((resolve) => stream.once('readable', () => resolve(stream.read())));
    stream.destroy();
    await new Promise((resolve) => stream.once('close', resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect([opened, closed > 0]).toEqual([1, true]);
    // The connection is free again: a write goes through at once.
    await sql.run("UPDATE results SET overall_level = overall_level WHERE assessment_row_id = -1");
  });
});

describeIfPostgres('results.csv on PostgreSQL', (serverUrl) => {
  let pg: SqlClient;
  beforeAll(async () => {
    pg = await createPostgresClient({ url: await freshDatabase(serverUrl) });
    await migratePostgres(pg);
    await seed(pg, 4000, 7);
    expect(await rebuildFacts(pg)).toBe(4000);
  });
  afterAll(async () => pg?.close());

  it('rebuilds the same facts: the same release from bytea as from BLOBs', async () => {
    const cells = (rows: Awaited<ReturnType<typeof readFactCells>>) =>
      rows.map((c) => ({ ...c, figures: { ids: c.figures!.ids, counts: Array.from(c.figures!.counts) } })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const [onPostgres, onSqlite] = [await readFactCells(pg, 'handwerk-digital'), await readFactCells(sql, 'handwerk-digital')];
    expect(onPostgres.length).toBeGreaterThan(10);
    expect(cells(onPostgres)).toEqual(cells(onSqlite));
  });

  it("decodes the dashboard's facts from bytea as from BLOBs", async () => {
    const plainRows = (rows: FactRow[]) =>
      rows
        .map((row) => ({ ...row, counts: Array.from(row.counts), totals: Array.from(row.totals), histograms: Array.from(row.histograms) }))
        .sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));
    const onPostgres = await createFactsReader(pg).query('handwerk-digital');
    expect(onPostgres.some((row) => row.histograms.length > 0)).toBe(true);
    expect(plainRows(onPostgres)).toEqual(plainRows(await createFactsReader(sql).query('handwerk-digital')));
    expect(await createFactsReader(pg).isEmpty()).toBe(false);
  });

  it.each(filterCases)('writes the bytes SQLite writes, with %s', async (_case, more) => {
    const filters: FactFilters = { questionnaireId: 'handwerk-digital', ...more };
    const [onPostgres, onSqlite] = [await exported(pg, filters, awkward), await exported(sql, filters, awkward)];
    expect(onPostgres.split('\r\n').length).toBeGreaterThan(2);
    expect(onPostgres).toBe(onSqlite);
  });
});

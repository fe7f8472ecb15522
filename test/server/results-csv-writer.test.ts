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
import type Database from 'better-sqlite3';
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
import { type FactFilters, rebuildFacts } from '../../server/db/facts-repository.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import { exportResultsCsv } from '../../server/stats/export-results.ts';
import { type Release, type ReleasedKey, inView, releaseCells } from '../../server/stats/release.ts';
import { RESULTS_SQL, type ResultsCsvRow, resultsCsvLines } from '../../server/stats/results-csv-writer.ts';
import { handwerkDigital } from '../helpers/shipped.ts';

type RawRow = [string, string, string, string | null, string | null, string | null, string, number, string, string];

/** The export loop before issue 21, as it was. */
function referenceLines(db: Database.Database, release: Release, filters: FactFilters, vocabulary: ExportVocabulary): string {
  const rows = db
    .prepare<[string], RawRow>(
      `SELECT questionnaire_id, questionnaire_version, channel, trade, employees, region, submitted_month, overall_score, overall_level,
              dimension_scores
       FROM results WHERE questionnaire_id = ? ORDER BY assessment_row_id`,
    )
    .raw()
    .iterate(filters.questionnaireId) as IterableIterator<RawRow>;
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

function seed(db: Database.Database, count: number, seedValue: number) {
  const next = random(seedValue);
  const assessment = db.prepare(
    "INSERT INTO assessments (id, resume_hash, questionnaire_id, questionnaire_version, questionnaire_hash, status, channel, created_at, updated_at, submitted_at) VALUES (?, ?, ?, ?, 'h', 'submitted', ?, ?, ?, ?)",
  );
  const result = db.prepare(
    `INSERT INTO results (assessment_row_id, questionnaire_id, questionnaire_version, questionnaire_hash, trade, employees, region, channel, overall_score, overall_level, dimension_scores, submitted_at, submitted_month)
     VALUES (?, ?, ?, 'h', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
  db.transaction(() => {
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
      const rowId = Number(assessment.run(randomUUID(), randomUUID(), questionnaireId, version, channel, at, at, at).lastInsertRowid);
      const overall = next() < 0.05 ? pick([0, 100, 33.333333333333336, 1e-7]) : Math.round(next() * 1000) / 10;
      result.run(rowId, questionnaireId, version, trade, employees, region, channel, overall, JSON.parse(levelText(next)) as string, dimensionScores(next, trade), at, month);
    }
  })();
}

let dir: string;
let db: Database.Database;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'procheck-csv-writer-'));
  db = await openDatabase({ file: join(dir, 'w.db') });
  seed(db, 4000, 7);
  rebuildFacts(db);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

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
    it.each(filterCases)('writes the bytes the previous export wrote, with %s', (_case, more) => {
      const filters: FactFilters = { questionnaireId: 'handwerk-digital', ...more };
      db.prepare('BEGIN').run();
      try {
        const release = releaseCells(readFactCells(db, filters.questionnaireId));
        expect(release.counts.coarsened).toBeGreaterThan(0);
        const expected = referenceLines(db, release, filters, vocabulary);
        const rows = db.prepare<[string], ResultsCsvRow>(RESULTS_SQL).raw().iterate(filters.questionnaireId) as IterableIterator<ResultsCsvRow>;
        const written = Buffer.concat([...resultsCsvLines(vocabulary, release, filters)(rows)]);
        expect(written.length).toBeGreaterThan(0);
        expect(written.toString('utf8')).toBe(expected);
      } finally {
        db.prepare('COMMIT').run();
      }
    });
  });

  it('hides the dimensions a class has too few scores in, as before', () => {
    const release = releaseCells(readFactCells(db, 'handwerk-digital'));
    const hiding = release.keys.filter((key) => key && release.hidden(key).size > 0);
    expect(hiding.length).toBeGreaterThan(0);
  });
});

describe('exportResultsCsv', () => {
  it('streams the header and the same rows, in chunks of about 64 KB', async () => {
    const filters: FactFilters = { questionnaireId: 'handwerk-digital' };
    const release = releaseCells(readFactCells(db, filters.questionnaireId));
    const expected = CSV_BOM + csvLine(resultsHeader(plain)) + referenceLines(db, release, filters, plain);
    const { stream } = exportResultsCsv(join(dir, 'w.db'), filters, plain);
    const chunks: Buffer[] = [];
    await pipeline(stream, new Writable({ write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    } }));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(80 * 1024);
  });
});

/**
 * The lines of results.csv, fast (issue 21: ≥ 200,000 rows/s). What makes
 * it fast, measured with the CPU profiler (docs/performance.md):
 *
 * - Everything a row shares with the other rows of its stored cell — whether
 *   the release shows the cell, its released period, version, channel, trade,
 *   size and region as escaped CSV text, and which dimensions its class hides —
 *   is worked out once per cell, not once per row. The database hands over the
 *   cell as one string (`resultsSql`), the key of that per-cell cache.
 * - A row's dimension scores are copied out of the stored JSON text rather
 *   than parsed into objects: a JSON number is written exactly as JavaScript's
 *   `String(number)` writes it, so the digits in the text are the digits the
 *   CSV needs (with a decimal comma). Anything not in the shape the submit
 *   writes (`JSON.stringify` of one entry per dimension: no escapes, no
 *   repeated keys) falls back to `JSON.parse` and the general formatter.
 * - Rows arrive in batches (one await per batch, not per row), are appended to
 *   one string and handed on as a ~64 KB Buffer.
 *
 * The output is byte for byte what `resultsLineFormatter` writes for the same
 * rows (test/server/results-csv-writer.test.ts compares both on random data).
 */
import { CSV_SEPARATOR } from '../../reports/export-csv.ts';
import { type ExportVocabulary, resultsLineFormatter } from '../../reports/export-tables.ts';
import type { FactFilters } from '../db/facts-repository.ts';
import type { Dialect } from '../db/sql-client.ts';
import { type Release, type ReleasedKey, inView } from './release.ts';

/** One row as `resultsSql` selects it: cell, overall score and level, dimension scores as stored. */
export type ResultsCsvRow = [cell: string, overallScore: number, overallLevel: string, dimensionScores: string];

/**
 * What joins the cell's attributes into one string: the unit separator, which
 * no id can hold (ids are kebab-case, versions semantic, months `YYYY-MM`).
 * Not NUL: PostgreSQL text cannot hold it.
 */
export const CELL_SEPARATOR = '\u001f';

/** The cell's attributes in release.ts `cellId` order, joined by CELL_SEPARATOR. */
function cellSql(dialect: Dialect): string {
  const separator = dialect === 'sqlite' ? 'char(31)' : 'chr(31)'; // SQLite knows only char(), PostgreSQL only chr()
  return [`questionnaire_version`, `channel`, `coalesce(trade, '')`, `coalesce(employees, '')`, `coalesce(region, '')`, `submitted_month`].join(` || ${separator} || `);
}

/**
 * Every result of a questionnaire in submission order. SQLite: `NOT INDEXED`,
 * as the index on questionnaire_id would hand the rows over out of order and
 * make SQLite sort all of them first; scanning the table is already in order.
 * PostgreSQL plans that itself (and has no such clause).
 */
export function resultsSql(dialect: Dialect): string {
  return `SELECT ${cellSql(dialect)}, overall_score, overall_level, dimension_scores
  FROM results${dialect === 'sqlite' ? ' NOT INDEXED' : ''} WHERE questionnaire_id = ? ORDER BY assessment_row_id`;
}

const CHUNK_CHARS = 64 * 1024;
const [QUOTE, COMMA, DOT, ZERO, NINE, CLOSE] = ['"', ',', '.', '0', '9', ']'].map((c) => c.charCodeAt(0)) as [number, number, number, number, number, number];

interface CellOutput {
  /** The row's first seven cells and their separators, up to the overall score. */
  prefix: string;
  key: ReleasedKey;
  /** Per dimension in column order: hidden by the release in this class. */
  hidden: boolean[];
}

/** Batches of rows, as `SnapshotReader.iterateRaw` hands them over (or any list of lists). */
export type ResultsCsvBatches = AsyncIterable<readonly ResultsCsvRow[]> | Iterable<readonly ResultsCsvRow[]>;

export function resultsCsvLines(vocabulary: ExportVocabulary, release: Release, filters: FactFilters): (batches: ResultsCsvBatches) => AsyncGenerator<Buffer> {
  const separator = CSV_SEPARATOR;
  const general = resultsLineFormatter(vocabulary);
  const dimensionIds = vocabulary.dimensions.map((d) => d.id);
  // The per-cell cache; null for cells in no figure, or outside the view.
  const cells = new Map<string, CellOutput | null>();
  const levels = new Map<string, string>();
  // The per-cell and per-level texts come from the general formatter itself, so their escaping cannot drift:
  // a row with no score (NaN writes nothing), an unknown level id as a marker, no dimensions (each writes ';;').
  const tail = `${separator}${separator}`.repeat(dimensionIds.length) + '\r\n';
  const MARKER = 'procheck-results-csv-marker';
  const probe = (key: ReleasedKey, level: string) =>
    general({ period: key.period, questionnaireId: filters.questionnaireId, version: key.version, channel: key.channel, trade: key.trade, employees: key.employees, region: key.region, overallScore: Number.NaN, overallLevel: level, dimensionScores: {} });
  /** Everything before the overall score: `<period>;<questionnaire>;…;<region>;`. */
  const prefixOf = (key: ReleasedKey) => probe(key, MARKER).slice(0, -(tail.length + MARKER.length + separator.length));

  const cellOf = (id: string): CellOutput | null => {
    const [version = '', channel = '', trade = '', employees = '', region = '', month = ''] = id.split(CELL_SEPARATOR);
    const key = release.of({ version, channel, trade, employees, region, month });
    if (!key || !inView(key, filters)) return null;
    const hidden = release.hidden(key);
    return { prefix: prefixOf(key), key, hidden: dimensionIds.map((d) => hidden.has(d)) };
  };

  const levelLabel = (id: string): string => {
    let label = levels.get(id);
    if (label === undefined) {
      const someKey: ReleasedKey = { version: '', channel: '', trade: '', employees: '', region: '', period: '' };
      label = probe(someKey, id).slice(prefixOf(someKey).length + separator.length, -tail.length);
      levels.set(id, label);
    }
    return label;
  };
  const number = (n: number) => (Number.isFinite(n) ? String(n).replace('.', ',') : '');

  /**
   * A level id at `at` in the JSON text (its closing quote at `at + id.length`), as its label —
   * compared in place against the levels met so far, so no string is cut out and hashed per score.
   */
  const seenLevels: { id: string; label: string }[] = [];
  const levelAt = (json: string, at: number): { id: string; label: string } | null => {
    for (const level of seenLevels) if (json.charCodeAt(at + level.id.length) === QUOTE && json.startsWith(level.id, at)) return level;
    const end = json.indexOf('"', at);
    if (end === -1) return null;
    const id = json.slice(at, end);
    const level = { id, label: levelLabel(id) };
    seenLevels.push(level);
    return level;
  };

  /** The dimension cells from the stored JSON text, or null when it is not in the plain shape (then JSON.parse does it). */
  const keys = dimensionIds.map((id) => `"${id}":[`);
  const named = dimensionIds.map((id) => `"${id}"`);
  const dimensionCells = (json: string, hidden: boolean[]): string | null => {
    if (json.includes('\\')) return null;
    let out = '';
    // Stored in the questionnaire's order, so each key is normally found right after the one before.
    let from = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      let keyAt = json.indexOf(key, from);
      if (keyAt === -1 && from > 0) keyAt = json.indexOf(key);
      if (keyAt === -1 || hidden[i]) {
        if (keyAt === -1 && json.includes(named[i]!)) return null; // there, but not as [score, level, …]
        out += separator + separator;
        continue;
      }
      // The score: only a canonical number's text (what JSON.stringify and String write alike) is copied.
      // What the engine stores — short, digits and one dot, no leading or trailing zero — is read here char by char;
      // anything else is checked by a round trip through Number.
      const scoreAt = keyAt + key.length;
      let at = scoreAt;
      let dot = -1;
      let plain = json.charCodeAt(at) !== ZERO || json.charCodeAt(at + 1) === COMMA || json.charCodeAt(at + 1) === DOT;
      for (let c = json.charCodeAt(at); c !== COMMA; c = json.charCodeAt(++at)) {
        if (c === DOT && dot === -1) dot = at;
        else if (!(c >= ZERO && c <= NINE)) plain = false;
        if (Number.isNaN(c)) return null;
      }
      if (at === scoreAt) return null;
      // Six characters at most: no exponent form (below 1e-6) and no digits beyond a double's precision can hide there.
      if (at - scoreAt > 6 || (dot !== -1 && (dot === at - 1 || json.charCodeAt(at - 1) === ZERO))) plain = false;
      let score = dot === -1 ? json.slice(scoreAt, at) : `${json.slice(scoreAt, dot)},${json.slice(dot + 1, at)}`;
      if (!plain) {
        const text = json.slice(scoreAt, at);
        if (String(Number(text)) !== text) return null;
        score = text.replace('.', ',');
      }
      if (json.charCodeAt(at + 1) !== QUOTE) return null;
      const level = levelAt(json, at + 2);
      if (level === null) return null;
      const after = at + 2 + level.id.length + 1;
      let shown: boolean;
      if (json.charCodeAt(after) === CLOSE) shown = true;
      else if (json.startsWith(',true]', after)) shown = true;
      else if (json.startsWith(',false]', after)) shown = false;
      else return null;
      out += shown ? separator + score + separator + level.label : separator + separator;
      from = after;
    }
    return out;
  };

  /** The general path for a row the fast one does not read: exactly what the export did before. */
  const generalLine = (cell: CellOutput, row: ResultsCsvRow): string => {
    const scores = JSON.parse(row[3]) as Record<string, [number, string, boolean?]>;
    dimensionIds.forEach((id, i) => {
      if (cell.hidden[i] && scores[id]) scores[id]![2] = false;
    });
    const { key } = cell;
    return general({
      period: key.period, questionnaireId: filters.questionnaireId, version: key.version, channel: key.channel, trade: key.trade, employees: key.employees, region: key.region,
      overallScore: row[1], overallLevel: row[2], dimensionScores: scores,
    });
  };

  return async function* lines(batches) {
    let chunk = '';
    for await (const rows of batches) {
      for (const row of rows) {
        let cell = cells.get(row[0]);
        if (cell === undefined) cells.set(row[0], (cell = cellOf(row[0])));
        if (cell === null) continue;
        const dimensions = dimensionCells(row[3], cell.hidden);
        chunk += dimensions === null ? generalLine(cell, row) : `${cell.prefix}${number(row[1])}${separator}${levelLabel(row[2])}${dimensions}\r\n`;
        if (chunk.length >= CHUNK_CHARS) {
          yield Buffer.from(chunk);
          chunk = '';
        }
      }
    }
    if (chunk.length > 0) yield Buffer.from(chunk);
  };
}

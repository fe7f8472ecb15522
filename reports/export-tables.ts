/**
 * The rows of the staff exports, as plain cells: one row per submitted
 * check (results.csv) and one row per group of the dashboard (aggregates.csv).
 * Labels come from the questionnaire and the export i18n files.
 */
import type { Catalogue, Locale, LocalizedText, PreparedQuestionnaire } from '../questionnaires/engine/index.ts';
import { COARSENED } from './coarsened.ts';
import { CSV_SEPARATOR, type CsvValue, csvCell } from './export-csv.ts';
import de from './i18n/export.de.json' with { type: 'json' };
import en from './i18n/export.en.json' with { type: 'json' };

export type ExportLabels = typeof de;

export const exportLabels = (locale: Locale): ExportLabels => (locale === 'en' ? en : de);

const text = (value: LocalizedText | undefined, locale: Locale) => (value ? (locale === 'en' ? (value.en ?? value.de) : value.de) : '');

/** Turns ids (trade, band, level, region) into the words people read. */
export function exportVocabulary(prepared: PreparedQuestionnaire, catalogue: Catalogue, locale: Locale) {
  const labels = exportLabels(locale);
  const from = (entries: readonly { id: string; label?: LocalizedText; title?: LocalizedText; name?: LocalizedText }[]) =>
    new Map(entries.map((e) => [e.id, text(e.label ?? e.title ?? e.name, locale)]));
  const trades = from(prepared.definition.profile.trades);
  const bands = from(prepared.definition.profile.employeeBands);
  const levels = from(prepared.definition.levels);
  const regions = from(catalogue.regions);
  const channels = labels.channels as Record<string, string>;
  const or = (map: Map<string, string>, id: string | null) =>
    id === COARSENED ? labels.coarsened : id === null || id === '' ? labels.notGiven : (map.get(id) ?? id);
  return {
    labels,
    dimensions: prepared.definition.dimensions.map((d) => ({ id: d.id, title: text(d.shortTitle ?? d.title, locale) })),
    trade: (id: string | null) => or(trades, id),
    employees: (id: string | null) => or(bands, id),
    level: (id: string | null) => or(levels, id),
    region: (id: string | null) => or(regions, id),
    channel: (id: string | null) => (id === COARSENED ? labels.coarsened : id ? (channels[id] ?? id) : labels.notGiven),
    /** `v1.1.0`: German spreadsheets read a bare "1.1.0" as the date 1 January 2000. */
    version: (id: string) => (id === COARSENED ? labels.coarsened : `v${id}`),
    /** `2026-03`, `2026-Q1` and `2026` stay as they are (they sort in a spreadsheet); all time is "zusammengefasst". */
    period: (period: string) => (period === COARSENED ? labels.coarsened : period),
  };
}

export type ExportVocabulary = ReturnType<typeof exportVocabulary>;

export function resultsHeader(v: ExportVocabulary): CsvValue[] {
  const l = v.labels;
  return [
    l.submitted, l.questionnaire, l.version, l.channel, l.trade, l.employees, l.region, l.overallScore, l.overallLevel,
    ...v.dimensions.flatMap((d) => [`${d.title}: ${l.score}`, `${d.title}: ${l.level}`]),
  ];
}

export interface ResultExportRow {
  /** The released period of submission: `YYYY-MM`, `YYYY-Qn`, `YYYY` or COARSENED. */
  period: string;
  questionnaireId: string;
  version: string;
  channel: string;
  trade: string | null;
  employees: string | null;
  region: string | null;
  overallScore: number;
  overallLevel: string;
  /** `{ "<dimension>": [score, level, hasBasis] }` */
  dimensionScores: Record<string, [number, string, boolean?]>;
}

/**
 * A fast writer of results.csv lines: labels are escaped once and cached,
 * numbers written directly — the export formats a million rows.
 */
export function resultsLineFormatter(v: ExportVocabulary): (row: ResultExportRow) => string {
  const escaped = new Map<string, string>();
  const label = (text: string) => {
    let cell = escaped.get(text);
    if (cell === undefined) escaped.set(text, (cell = csvCell(text)));
    return cell;
  };
  const number = (n: number) => (Number.isFinite(n) ? String(n).replace('.', ',') : '');
  const separator = CSV_SEPARATOR;
  return (row) => {
    let line =
      label(v.period(row.period)) + separator + label(row.questionnaireId) + separator + label(v.version(row.version)) + separator + label(v.channel(row.channel)) +
      separator + label(v.trade(row.trade)) + separator + label(v.employees(row.employees)) + separator + label(v.region(row.region)) +
      separator + number(row.overallScore) + separator + label(v.level(row.overallLevel));
    for (const d of v.dimensions) {
      const score = row.dimensionScores[d.id];
      line += score && score[2] !== false ? separator + number(score[0]) + separator + label(v.level(score[1])) : separator + separator;
    }
    return `${line}\r\n`;
  };
}

export interface Summary {
  n: number;
  mean: number;
  median: number;
  q1: number;
  q3: number;
}

export interface GroupStats {
  /** The grouping value ('' for the total, or for "not given"). */
  key: string;
  /** null when suppressed: fewer than five businesses. */
  n: number | null;
  suppressed: boolean;
  overall: Summary | null;
  dimensions: Record<string, Summary> | null;
  levels: Record<string, number> | null;
}

/** What the staff dashboard shows; aggregates.csv is the same figures as a table. */
export interface DashboardStats<Group extends string = string> {
  questionnaire: { id: string; version: string };
  groupBy: Group | null;
  minimumGroupSize: number;
  /**
   * How the questionnaire's checks entered the anonymised release (the same
   * for every filter): in full detail, with some detail coarsened (they appear
   * under COARSENED in groupings and only in views that do not select on that
   * detail), or in no figure at all.
   */
  release: { exact: number; coarsened: number; withheld: number };
  dimensions: string[];
  levels: string[];
  total: GroupStats;
  groups: GroupStats[];
  /** The overall index per month, over the checks released with their month. */
  trend: ({ month: string; suppressed: false } & Summary | { month: string; n: null; mean: null; median: null; q1: null; q3: null; suppressed: true })[];
}

/** aggregates.csv: a header, then the total and one row per group; suppressed groups show no figures. */
export function aggregatesRows(v: ExportVocabulary, stats: DashboardStats, groupLabel: (key: string) => string): CsvValue[][] {
  const l = v.labels;
  const header: CsvValue[] = [
    l.group, l.count,
    `${l.overallScore}: ${l.mean}`, `${l.overallScore}: ${l.median}`, `${l.overallScore}: ${l.q1}`, `${l.overallScore}: ${l.q3}`,
    ...v.dimensions.flatMap((d) => [`${d.title}: ${l.mean}`, `${d.title}: ${l.median}`, `${d.title}: ${l.q1}`, `${d.title}: ${l.q3}`]),
    ...stats.levels.map((id) => `${l.overallLevel}: ${v.level(id)}`),
  ];
  const row = (label: string, g: GroupStats): CsvValue[] => {
    if (g.suppressed || !g.overall) return [label, l.suppressed];
    const o = g.overall;
    return [
      label, g.n, o.mean, o.median, o.q1, o.q3,
      ...v.dimensions.flatMap((d) => {
        const s = g.dimensions?.[d.id];
        return s ? [s.mean, s.median, s.q1, s.q3] : [null, null, null, null];
      }),
      ...stats.levels.map((id) => g.levels?.[id] ?? 0),
    ];
  };
  return [header, row(l.total, stats.total), ...stats.groups.map((g) => row(groupLabel(g.key), g))];
}

/** A lead as the exports write it: the business, its result summary, what it asked for and the follow-up. */
export interface LeadExportRow {
  consentedAt: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  consentVersion: string;
  trade: string | null;
  employees: string | null;
  region: string | null;
  channel: string;
  overallScore: number;
  overallLevel: string;
  actionFields: string[];
  requests: { kind: 'interest' | 'contact'; title: LocalizedText; createdAt: string }[];
  status: 'new' | 'contacted' | 'closed';
  outcome: string | null;
  assignee: string | null;
  notes: string;
}

/**
 * leads.csv and a workshop's list of interested businesses: one row per
 * business that consented to contact — whatever the size of its group, which
 * is why these are separate from the anonymised exports.
 */
export function leadRows(v: ExportVocabulary, rows: Iterable<LeadExportRow>, locale: Locale): CsvValue[][] {
  const l = v.labels.leads;
  const dimensionTitle = new Map(v.dimensions.map((d) => [d.id, d.title]));
  const header: CsvValue[] = [
    l.consentedAt, l.name, v.labels.company, l.email, l.phone, l.consentVersion, v.labels.trade, v.labels.employees, v.labels.region, v.labels.channel,
    v.labels.overallScore, v.labels.overallLevel, l.actionFields, l.requests, l.status, l.outcome, l.assignee, l.notes,
  ];
  const out: CsvValue[][] = [header];
  for (const r of rows) {
    out.push([
      r.consentedAt.slice(0, 10), r.name, r.company, r.email, r.phone, r.consentVersion,
      v.trade(r.trade), v.employees(r.employees), v.region(r.region), v.channel(r.channel),
      r.overallScore, v.level(r.overallLevel),
      r.actionFields.map((id) => dimensionTitle.get(id) ?? id).join(', '),
      r.requests.map((q) => `${(l.kinds as Record<string, string>)[q.kind]}: ${text(q.title, locale)} (${q.createdAt.slice(0, 10)})`).join(' | '),
      (l.statuses as Record<string, string>)[r.status], r.outcome ? (l.outcomes as Record<string, string>)[r.outcome] : null, r.assignee, r.notes,
    ]);
  }
  return out;
}

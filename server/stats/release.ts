/**
 * The anonymised release behind every staff figure and both exports
 * (k-anonymity by generalisation, k = 5).
 *
 * A *cell* is what a dashboard view can select on: questionnaire version,
 * channel, trade group, size band, region and month of submission. Where
 * fewer than five checks share a cell, its detail is coarsened step by step
 * (see RELEASE_STEPS) until at least five checks share the coarser
 * description; checks that never reach five are left out of every figure.
 * Every view — any filter, grouping, month or export — selects checks by
 * that released description only, so whatever views one combines, each
 * difference is a union of whole classes of five or more: nothing isolates a
 * smaller group, let alone one business. Pure: the service and the export
 * feed it cell sizes from the facts.
 */

import { COARSENED } from '../../reports/coarsened.ts';

export { COARSENED };

export const MINIMUM_GROUP_SIZE = 5;

/** A cell as stored: '' where the business gave no trade, size or region. */
export interface CellKey {
  version: string;
  channel: string;
  trade: string;
  employees: string;
  region: string;
  /** `YYYY-MM` */
  month: string;
}

/** A cell's released description: each attribute as stored or COARSENED; the month as a period. */
export interface ReleasedKey {
  version: string;
  channel: string;
  trade: string;
  employees: string;
  region: string;
  /** `YYYY-MM`, `YYYY-Qn`, `YYYY` or COARSENED (all time). */
  period: string;
}

type Step = { name: string; apply: (key: ReleasedKey) => ReleasedKey };

/** Whether a released period is a single month (not a quarter, a year or all time). */
export const isMonth = (period: string): boolean => /^\d{4}-\d{2}$/.test(period);

const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/**
 * The order in which detail gives way, least useful first: the version, the
 * month (to quarter, then year), the channel, the region, the size band, the
 * year, and last the trade group. Each step keeps the ones before it.
 */
export const RELEASE_STEPS: readonly Step[] = [
  { name: 'full detail', apply: (k) => k },
  { name: 'version', apply: (k) => ({ ...k, version: COARSENED }) },
  { name: 'quarter', apply: (k) => ({ ...k, period: isMonth(k.period) ? quarterOf(k.period) : k.period }) },
  { name: 'year', apply: (k) => ({ ...k, period: k.period === COARSENED ? k.period : k.period.slice(0, 4) }) },
  { name: 'channel', apply: (k) => ({ ...k, channel: COARSENED }) },
  { name: 'region', apply: (k) => ({ ...k, region: COARSENED }) },
  { name: 'size band', apply: (k) => ({ ...k, employees: COARSENED }) },
  { name: 'all time', apply: (k) => ({ ...k, period: COARSENED }) },
  { name: 'trade group', apply: (k) => ({ ...k, trade: COARSENED }) },
];

export const cellId = (k: CellKey): string => `${k.version}\u0000${k.channel}\u0000${k.trade}\u0000${k.employees}\u0000${k.region}\u0000${k.month}`;
export const classId = (k: ReleasedKey): string => `${k.version}\u0000${k.channel}\u0000${k.trade}\u0000${k.employees}\u0000${k.region}\u0000${k.period}`;

/** A stored cell with its number of checks and, per dimension, how many of them have a score in it. */
export interface CellSize extends CellKey {
  n: number;
  /** Per figure id (the overall index is ''), how many of the cell's checks have a score in it. */
  figures?: { ids: readonly string[]; counts: ArrayLike<number> };
}

export interface Release {
  /** The released description of each input cell, in input order; undefined where its checks are in no figure. */
  keys: readonly (ReleasedKey | undefined)[];
  /** The released description of a stored cell, looked up by its attributes. */
  of(cell: CellKey): ReleasedKey | undefined;
  /**
   * The dimensions whose scores a class keeps out of every figure: those that
   * fewer than five of its checks have a score in (a dimension can lack a
   * basis when every answer in it was "keine Angabe"). Left out everywhere,
   * the export included, so no difference of views recovers them.
   */
  hidden(key: ReleasedKey): ReadonlySet<string>;
  /** Checks described in full detail, with some detail coarsened, and in no figure at all. */
  counts: { exact: number; coarsened: number; withheld: number };
}

const NONE: ReadonlySet<string> = new Set();

function hiddenFigures(ids: Iterable<string>, countOf: (id: string, i: number) => number): ReadonlySet<string> {
  let hidden: Set<string> | undefined;
  let i = 0;
  for (const id of ids) if (countOf(id, i++) < MINIMUM_GROUP_SIZE) (hidden ??= new Set()).add(id);
  return hidden ?? NONE;
}

/**
 * Assigns every cell its released description; `cells` holds each stored
 * cell once with its number of checks. A cell of five or more is its own
 * class at full detail — nearly every cell of a large installation, so that
 * path builds no keys or maps; only the small cells walk the steps.
 */
export function releaseCells(cells: readonly CellSize[]): Release {
  const keys: (ReleasedKey | undefined)[] = new Array(cells.length).fill(undefined);
  const hiddenOf = new WeakMap<ReleasedKey, ReadonlySet<string>>();
  const counts = { exact: 0, coarsened: 0, withheld: 0 };
  let pending: { index: number; key: ReleasedKey }[] = [];
  cells.forEach((cell, index) => {
    if (cell.n <= 0) return;
    const key: ReleasedKey = { version: cell.version, channel: cell.channel, trade: cell.trade, employees: cell.employees, region: cell.region, period: cell.month };
    if (cell.n < MINIMUM_GROUP_SIZE) return pending.push({ index, key });
    keys[index] = key;
    const figures = cell.figures;
    hiddenOf.set(key, figures ? hiddenFigures(figures.ids, (_id, i) => figures.counts[i]!) : NONE);
    counts.exact += cell.n;
  });
  for (const step of RELEASE_STEPS.slice(1)) {
    const classes = new Map<string, { key: ReleasedKey; members: typeof pending; n: number }>();
    for (const entry of pending) {
      entry.key = step.apply(entry.key);
      const id = classId(entry.key);
      const group = classes.get(id) ?? { key: entry.key, members: [], n: 0 };
      group.members.push(entry);
      group.n += cells[entry.index]!.n;
      classes.set(id, group);
    }
    pending = [];
    for (const group of classes.values()) {
      if (group.n < MINIMUM_GROUP_SIZE) {
        pending.push(...group.members);
        continue;
      }
      const key = publicKey(group.key);
      const figures = new Map<string, number>();
      for (const { index } of group.members) {
        keys[index] = key;
        const cellFigures = cells[index]!.figures;
        cellFigures?.ids.forEach((id, i) => figures.set(id, (figures.get(id) ?? 0) + cellFigures.counts[i]!));
      }
      hiddenOf.set(key, hiddenFigures(figures.keys(), (id) => figures.get(id)!));
      counts.coarsened += group.n;
    }
  }
  for (const { index } of pending) counts.withheld += cells[index]!.n;
  let byCell: Map<string, ReleasedKey | undefined> | undefined;
  return {
    keys,
    of(cell) {
      byCell ??= new Map(cells.map((c, i) => [cellId(c), keys[i]]));
      return byCell.get(cellId(cell));
    },
    hidden: (key) => hiddenOf.get(key) ?? NONE,
    counts,
  };
}

/** A fresh key for a released class: the steps reuse their objects while walking. */
const publicKey = (k: ReleasedKey): ReleasedKey => ({ version: k.version, channel: k.channel, trade: k.trade, employees: k.employees, region: k.region, period: k.period });

/** The first and last month a period covers. */
export function periodMonths(period: string): { from: string; to: string } {
  if (period === COARSENED) return { from: '0000-01', to: '9999-12' };
  if (/^\d{4}$/.test(period)) return { from: `${period}-01`, to: `${period}-12` };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const last = Number(quarter[2]) * 3;
    return { from: `${quarter[1]}-${String(last - 2).padStart(2, '0')}`, to: `${quarter[1]}-${String(last).padStart(2, '0')}` };
  }
  return { from: period, to: period };
}

export interface ReleaseFilters {
  version?: string;
  channel?: string;
  trade?: string;
  employees?: string;
  region?: string;
  /** Inclusive months, `YYYY-MM`. */
  from?: string;
  to?: string;
}

/**
 * Whether a released class belongs to a view: each filter must match the
 * released value exactly (a coarsened value matches no filter on it), and the
 * whole period must lie in the chosen months.
 */
export function inView(key: ReleasedKey, filters: ReleaseFilters): boolean {
  for (const attribute of ['version', 'channel', 'trade', 'employees', 'region'] as const) {
    const wanted = filters[attribute];
    if (wanted !== undefined && key[attribute] !== wanted) return false;
  }
  if (filters.from || filters.to) {
    const { from, to } = periodMonths(key.period);
    if (filters.from && from < filters.from) return false;
    if (filters.to && to > filters.to) return false;
  }
  return true;
}

/** What a dashboard view can group by. */
export const RELEASE_GROUPS = ['trade', 'employees', 'region', 'channel', 'version', 'month'] as const;
export type ReleaseGroup = (typeof RELEASE_GROUPS)[number];

/** The group a class falls in; classes coarsened on that attribute share the group COARSENED. */
export function groupOf(key: ReleasedKey, groupBy: ReleaseGroup): string {
  if (groupBy === 'month') return isMonth(key.period) ? key.period : COARSENED;
  return key[groupBy];
}

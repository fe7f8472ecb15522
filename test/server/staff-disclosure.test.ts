/**
 * An adversary with a staff login tries to recover what the k ≥ 5 rule hides
 * — a small group's figure or one business's score — by differencing every
 * view the API offers: filters, groupings, months, the trend, dimensions,
 * level counts and both CSV exports. The chamber below is what a real one
 * collects: a cluster of bakeries (one visited by a scout), a joinery with a
 * one-person workshop beside six larger ones, builders spread over months,
 * and thirty businesses of every kind scattered over two years.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE_GROUPS, type ReleaseFilters } from '../../server/stats/release.ts';
import { type LoggedIn, loggedInAs } from '../helpers/accounts.ts';
import { type SeedCheck, type SeededCheck, randomSequence, seedChecks } from '../helpers/seed-checks.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { insertResults } from '../helpers/stored-results.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = handwerkDigital();
const K = 5;
const REGION_OF: Record<string, string> = { '46236': 'bottrop', '45879': 'gelsenkirchen', '45657': 'kreis-recklinghausen' };
const MONTHS = Array.from({ length: 23 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

function chamber(): SeedCheck[] {
  const bakery = { trade: 'lebensmittel', employees: '5-9', postcode: '46236', month: '2026-03' };
  const checks: SeedCheck[] = [
    ...Array.from({ length: 18 }, () => ({ ...bakery, channel: 'online' as const })),
    { ...bakery, channel: 'visit' },
    ...Array.from({ length: 6 }, () => ({ trade: 'holz-kunststoff', employees: '2-4', postcode: '45879', month: '2026-05' })),
    { trade: 'holz-kunststoff', employees: '1', postcode: '45879', month: '2026-05' },
    ...['2025-02', '2025-03', '2025-04', '2025-05', '2025-06'].map((month) => ({ trade: 'bau-ausbau', employees: '10-19', postcode: '45657', month })),
  ];
  const random = randomSequence(2026);
  const pick = <T,>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  for (let i = 0; i < 30; i++) {
    // Trade, size and postcode are required to submit; a postcode outside the chamber gives no region.
    const trade = pick([...prepared.tradeIds]);
    const employees = pick([...prepared.employeeBandIds]);
    const postcode = pick(['46236', '45879', '45657', '10115']);
    checks.push({ trade, employees, postcode, channel: random() < 0.2 ? 'visit' : 'online', month: pick(MONTHS) });
  }
  return checks;
}

type Filters = ReleaseFilters;

/** One published set of checks, as the attacker describes it, with its figures. */
interface Published {
  where: Filters & { group?: [string, string] };
  n: number;
  mean: number;
  dimensions: Record<string, { n: number; mean: number }>;
  levels: Record<string, number>;
}

let t: TestApp;
let staff: LoggedIn;
let clock = new Date('2026-11-23T10:00:00Z');
let seeded: SeededCheck[];
const published: Published[] = [];

const get = (url: string) => t.app.inject({ url, headers: { cookie: staff.cookie } });
const search = (filters: Filters & { groupBy?: string }) => new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== undefined) as [string, string][]).toString();
const small = (d: number) => d > 0 && d < K;

/** Every view worth trying: nothing, each single filter, pairs of filters, every month range that cuts the data, each with every grouping. */
function views(): Filters[] {
  const values = {
    version: ['1.0.0'],
    channel: ['online', 'visit'],
    trade: [...prepared.tradeIds, ''],
    employees: [...prepared.employeeBandIds, ''],
    region: ['bottrop', 'gelsenkirchen', 'kreis-recklinghausen', ''],
  };
  const singles: Filters[] = Object.entries(values).flatMap(([key, list]) => list.map((value) => ({ [key]: value })));
  const ranges: Filters[] = [
    ...MONTHS.flatMap((m) => [{ from: m, to: m }, { from: m }, { to: m }]),
    ...['2025', '2026'].flatMap((y) => [{ from: `${y}-01`, to: `${y}-12` }, ...[1, 4, 7, 10].map((q) => ({ from: `${y}-${String(q).padStart(2, '0')}`, to: `${y}-${String(q + 2).padStart(2, '0')}` }))]),
  ];
  const pairs: Filters[] = [];
  const keys = Object.keys(values) as (keyof typeof values)[];
  for (const [i, a] of keys.entries()) for (const b of keys.slice(i + 1)) for (const va of values[a]) for (const vb of values[b]) pairs.push({ [a]: va, [b]: vb });
  const singlesInYears = singles.flatMap((s) => ['2025', '2026'].map((y) => ({ ...s, from: `${y}-01`, to: `${y}-12` })));
  return [{}, ...singles, ...ranges, ...pairs, ...singlesInYears];
}

function record(where: Published['where'], group: { n: number | null; overall: { mean: number } | null; dimensions: Record<string, { n: number; mean: number }> | null; levels: Record<string, number> | null }) {
  if (group.n === null || !group.overall) return;
  published.push({ where, n: group.n, mean: group.overall.mean, dimensions: group.dimensions ?? {}, levels: group.levels ?? {} });
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  staff = await loggedInAs(t.app, 'staff');
  seeded = await seedChecks(() => t.app, prepared, chamber(), (month) => (clock = new Date(`${month}-15T10:00:00Z`)));
  clock = new Date('2026-11-23T10:00:00Z');
  for (const filters of views()) {
    for (const groupBy of [undefined, ...RELEASE_GROUPS]) {
      const response = await get(`/api/stats?${search({ ...filters, groupBy })}`);
      expect(response.statusCode).toBe(200);
      const stats = response.json();
      if (!groupBy) {
        record(filters, stats.total);
        for (const point of stats.trend) expect(point.month).toMatch(/^\d{4}-\d{2}$/);
        for (const point of stats.trend) if (point.n !== null) published.push({ where: { ...filters, from: point.month, to: point.month }, n: point.n, mean: point.mean, dimensions: {}, levels: {} });
      }
      for (const group of stats.groups) record({ ...filters, group: [groupBy!, group.key] }, group);
    }
  }
}, 300_000);
afterAll(async () => t.close());

/** Whether every check the attacker believes in `inner` is also in `outer`. */
function refines(inner: Published['where'], outer: Published['where']): boolean {
  const fixed = (w: Published['where']) => {
    const f: Record<string, string> = {};
    for (const key of ['version', 'channel', 'trade', 'employees', 'region'] as const) if (w[key] !== undefined) f[key] = w[key]!;
    if (w.group && w.group[0] !== 'month') f[w.group[0]] = w.group[1];
    return f;
  };
  const range = (w: Published['where']) => {
    const month = w.group?.[0] === 'month' && /^\d{4}-\d{2}$/.test(w.group[1]) ? w.group[1] : undefined;
    return { from: [w.from, month].filter(Boolean).sort().at(-1) ?? '0000-01', to: [w.to, month].filter(Boolean).sort()[0] ?? '9999-12' };
  };
  const a = fixed(inner);
  const b = fixed(outer);
  if (Object.entries(b).some(([key, value]) => a[key] !== value)) return false;
  if (outer.group?.[0] === 'month' && !(inner.group?.[0] === 'month' && inner.group[1] === outer.group[1])) {
    if (outer.group[1] === '*') return false;
  }
  const ri = range(inner);
  const ro = range(outer);
  return ri.from >= ro.from && ri.to <= ro.to;
}

describe('differencing the dashboard', () => {
  it('tried a broad set of views', () => {
    // 321 filter combinations, each ungrouped and under each of the six groupings: 2,247 requests.
    expect(views()).toHaveLength(321);
    expect(published.length).toBeGreaterThan(1000);
  });

  it('no published figure rests on fewer than five checks', () => {
    for (const p of published) {
      expect(p.n).toBeGreaterThanOrEqual(K);
      for (const d of Object.values(p.dimensions)) expect(d.n).toBeGreaterThanOrEqual(K);
    }
  });

  it('no view nested in another differs from it by one to four checks — overall, per dimension or per level', () => {
    // Deduplicate: the same set is published by many views.
    const unique = new Map<string, Published>();
    for (const p of published) unique.set(JSON.stringify(p.where), p);
    const sets = [...unique.values()];
    let pairs = 0;
    const leaks: string[] = [];
    for (const inner of sets) {
      for (const outer of sets) {
        if (inner === outer || !refines(inner.where, outer.where)) continue;
        pairs++;
        if (small(outer.n - inner.n)) leaks.push(`${JSON.stringify(outer.where)} n=${outer.n} minus ${JSON.stringify(inner.where)} n=${inner.n}`);
        for (const [id, d] of Object.entries(outer.dimensions)) {
          const i = inner.dimensions[id]?.n ?? 0;
          if (small(d.n - i)) leaks.push(`${id}: ${JSON.stringify(outer.where)} minus ${JSON.stringify(inner.where)}`);
        }
      }
    }
    expect(pairs).toBeGreaterThan(1000);
    expect(leaks.slice(0, 5)).toEqual([]);
  });

  it('the scout-visited bakery cannot be read off "all" minus "online"', async () => {
    const visit = seeded.find((s) => s.channel === 'visit' && s.trade === 'lebensmittel' && s.month === '2026-03')!;
    for (const filters of [{}, { trade: 'lebensmittel' }, { trade: 'lebensmittel', employees: '5-9' }, { region: 'bottrop' }, { from: '2026-03', to: '2026-03' }] as Filters[]) {
      const stats = (await get(`/api/stats?${search({ ...filters, groupBy: 'channel' })}`)).json();
      const online = stats.groups.find((g: { key: string }) => g.key === 'online');
      const difference = (stats.total.n ?? 0) - (online?.n ?? 0);
      expect(small(difference), JSON.stringify(filters)).toBe(false);
      if (difference > 0) {
        // What the attacker computes is the mean of five or more checks, not the visited bakery's score.
        const estimate = (stats.total.n * stats.total.overall.mean - (online?.n ?? 0) * (online?.overall.mean ?? 0)) / difference;
        const candidates = seeded.filter((s) => Math.abs(s.overall - estimate) <= 0.5);
        expect(candidates.length === 1 && candidates[0] === visit).toBe(false);
      }
    }
  });

  it('the one-person joinery cannot be read off "joinery" minus "joinery with 2–4 people"', async () => {
    const joinery = (await get('/api/stats?trade=holz-kunststoff')).json().total;
    const larger = (await get('/api/stats?trade=holz-kunststoff&employees=2-4')).json().total;
    expect(small((joinery.n ?? 0) - (larger.n ?? 0))).toBe(false);
  });

  it('the months of the trend add up to the total, or leave a remainder of five or more', () => {
    for (const p of published.filter((q) => q.where.group?.[0] === 'month')) expect(p.n).toBeGreaterThanOrEqual(K);
  });

  it('a grouping never leaves a remainder of one to four checks beside its groups', async () => {
    for (const groupBy of RELEASE_GROUPS) {
      for (const filters of [{}, { trade: 'lebensmittel' }, { region: 'gelsenkirchen' }, { from: '2026-01', to: '2026-12' }] as Filters[]) {
        const stats = (await get(`/api/stats?${search({ ...filters, groupBy })}`)).json();
        const grouped = stats.groups.reduce((sum: number, g: { n: number | null }) => sum + (g.n ?? 0), 0);
        expect(grouped).toBe(stats.total.n ?? 0);
        const levels = Object.values((stats.total.levels ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0);
        expect(levels).toBe(stats.total.n ?? 0);
      }
    }
  });
});

describe('the exports against the dashboard', () => {
  const csvRows = async (url: string) => {
    const rows: string[][] = parse((await get(url)).rawPayload, { delimiter: ';', bom: true });
    return { header: rows[0]!, data: rows.slice(1) };
  };

  it('results.csv holds exactly the checks the dashboard counts, for every filter', async () => {
    for (const filters of [{}, { trade: 'lebensmittel' }, { channel: 'visit' }, { region: 'kreis-recklinghausen' }, { from: '2025-01', to: '2025-12' }, { employees: '1' }] as Filters[]) {
      const { data } = await csvRows(`/api/exports/results.csv?${search(filters)}`);
      const stats = (await get(`/api/stats?${search(filters)}`)).json();
      expect(data.length, JSON.stringify(filters)).toBe(stats.total.n ?? 0);
      const sum = data.reduce((s, r) => s + Number(r[7]!.replace(',', '.')), 0);
      if (data.length) expect(Math.round((sum / data.length) * 10) / 10).toBeCloseTo(stats.total.overall.mean, 5);
    }
  });

  it('every business is one of at least five rows of results.csv that fit what is known about it', async () => {
    const { data } = await csvRows('/api/exports/results.csv');
    const labels = (list: readonly { id: string; label: { de: string } }[]) => new Map(list.map((e) => [e.id, e.label.de]));
    const trades = labels(prepared.definition.profile.trades);
    const bands = labels(prepared.definition.profile.employeeBands);
    const regions = new Map([['bottrop', 'Bottrop'], ['gelsenkirchen', 'Gelsenkirchen'], ['kreis-recklinghausen', 'Kreis Recklinghausen']]);
    const fits = (cell: string, value: string) => cell === 'zusammengefasst' || cell === value;
    const periodFits = (cell: string, month: string) =>
      cell === 'zusammengefasst' || cell === month || cell === month.slice(0, 4) || cell === `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
    let hidden = 0;
    for (const business of seeded) {
      const region = business.postcode ? REGION_OF[business.postcode] : undefined;
      const candidates = data.filter(
        (r) =>
          periodFits(r[0]!, business.month) &&
          fits(r[3]!, business.channel === 'visit' ? 'Vor-Ort-Besuch' : 'online') &&
          fits(r[4]!, trades.get(business.trade!)!) &&
          fits(r[5]!, bands.get(business.employees!)!) &&
          fits(r[6]!, region ? regions.get(region)! : 'keine Angabe'),
      );
      if (candidates.length === 0) hidden++;
      else expect(candidates.length).toBeGreaterThanOrEqual(K);
    }
    expect(hidden).toBeLessThan(K);
  });

  it('aggregates.csv repeats the dashboard: no second set of figures to difference against', async () => {
    const { data } = await csvRows('/api/exports/aggregates.csv?groupBy=channel');
    const stats = (await get('/api/stats?groupBy=channel')).json();
    expect(data.map((r) => Number(r[1]))).toEqual([stats.total.n, ...stats.groups.map((g: { n: number }) => g.n)]);
  });
});

describe('a dimension that few of a class have a score in', () => {
  // The shipped questionnaire gives every complete check a basis in every dimension; a later version
  // may not. Stored results are written as the repository writes them, then the facts rebuilt.
  let own: TestApp;
  let session: LoggedIn;
  const insert = (scores: { overall: number; technik: number | null }[]) =>
    insertResults(
      own.app.sql,
      prepared,
      scores.map((score) => ({
        trade: 'lebensmittel', employees: '5-9', region: 'bottrop', month: '2026-03', overall: score.overall,
        dimensions: Object.fromEntries(prepared.definition.dimensions.flatMap((d) => (d.id !== 'technik' ? [[d.id, score.overall]] : score.technik === null ? [] : [[d.id, score.technik]]))),
      })),
    );

  beforeAll(async () => {
    own = await createTestApp();
    session = await loggedInAs(own.app, 'staff');
    await insert([
      { overall: 40, technik: 10 }, { overall: 50, technik: 20 }, { overall: 60, technik: 30 }, { overall: 45, technik: 40 },
      { overall: 55, technik: null }, { overall: 65, technik: null },
    ]);
    const { rebuildFacts } = await import('../../server/db/facts-repository.ts');
    await rebuildFacts(own.app.sql);
  });
  afterAll(async () => own.close());

  it('leaves it out of the dashboard and blanks it in results.csv until five have one', async () => {
    const stats = (await own.app.inject({ url: '/api/stats', headers: { cookie: session.cookie } })).json();
    expect(stats.total.n).toBe(6);
    expect(stats.total.dimensions.technik).toBeUndefined();
    expect(stats.total.dimensions.strategie).toMatchObject({ n: 6 });
    const rows: string[][] = parse((await own.app.inject({ url: '/api/exports/results.csv', headers: { cookie: session.cookie } })).rawPayload, { delimiter: ';', bom: true });
    const column = rows[0]!.findIndex((h) => h.startsWith(prepared.definition.dimensions.find((d) => d.id === 'technik')!.shortTitle?.de ?? 'Technik'));
    expect(column).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => r[column])).toEqual(['', '', '', '', '', '']);

    await insert([{ overall: 70, technik: 50 }]);
    const { rebuildFacts } = await import('../../server/db/facts-repository.ts');
    await rebuildFacts(own.app.sql);
    const after = (await own.app.inject({ url: '/api/stats', headers: { cookie: session.cookie } })).json();
    expect(after.total.dimensions.technik).toMatchObject({ n: 5, mean: 30, median: 30 });
  });
});

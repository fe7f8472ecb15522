import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COARSENED,
  type CellKey,
  MINIMUM_GROUP_SIZE,
  type ReleaseFilters,
  classId,
  groupOf,
  inView,
  periodMonths,
  releaseCells,
} from '../../server/stats/release.ts';

const cell = (over: Partial<CellKey> & { n: number }): CellKey & { n: number } => ({
  version: '1.0.0', channel: 'online', trade: 'lebensmittel', employees: '2-4', region: 'bottrop', month: '2026-03', ...over,
});

describe('releaseCells', () => {
  it('keeps a cell of five or more in full detail', () => {
    const c = cell({ n: 5 });
    const release = releaseCells([c]);
    expect(release.of(c)).toEqual({ version: '1.0.0', channel: 'online', trade: 'lebensmittel', employees: '2-4', region: 'bottrop', period: '2026-03' });
    expect(release.counts).toEqual({ exact: 5, coarsened: 0, withheld: 0 });
  });

  it('coarsens small cells only as far as needed for five to share a description', () => {
    // Three checks in March, two in May: together they make a year, not a quarter.
    const march = cell({ n: 3 });
    const may = cell({ n: 2, month: '2026-05' });
    const release = releaseCells([march, may]);
    expect(release.of(march)).toEqual({ version: COARSENED, channel: 'online', trade: 'lebensmittel', employees: '2-4', region: 'bottrop', period: '2026' });
    expect(release.of(may)).toEqual(release.of(march));
    expect(release.counts).toEqual({ exact: 0, coarsened: 5, withheld: 0 });
  });

  it('withholds checks that never reach five, and only those', () => {
    const big = cell({ n: 7 });
    const lone = cell({ n: 1, trade: 'holz-kunststoff' });
    const release = releaseCells([big, lone]);
    expect(release.of(big)?.period).toBe('2026-03');
    expect(release.of(lone)).toBeUndefined();
    expect(release.counts).toEqual({ exact: 7, coarsened: 0, withheld: 1 });
  });

  it('merges different trades last: a lone baker joins other small cells only as "all trades"', () => {
    const cells = [cell({ n: 1 }), cell({ n: 2, trade: 'holz-kunststoff', employees: '1', region: 'marl' }), cell({ n: 2, trade: 'elektro-metall', month: '2025-01' })];
    const release = releaseCells(cells);
    for (const c of cells) expect(release.of(c)).toEqual({ version: COARSENED, channel: COARSENED, trade: COARSENED, employees: COARSENED, region: COARSENED, period: COARSENED });
  });
});

describe('periods', () => {
  it.each([
    ['2026-04', { from: '2026-04', to: '2026-04' }],
    ['2026-Q2', { from: '2026-04', to: '2026-06' }],
    ['2026-Q4', { from: '2026-10', to: '2026-12' }],
    ['2026', { from: '2026-01', to: '2026-12' }],
    [COARSENED, { from: '0000-01', to: '9999-12' }],
  ])('%s covers %o', (period, months) => expect(periodMonths(period)).toEqual(months));

  it('a view over months holds only classes whose whole period lies inside', () => {
    const key = { version: '1.0.0', channel: 'online', trade: 'x', employees: '1', region: 'r', period: '2026-Q2' };
    expect(inView(key, { from: '2026-04', to: '2026-06' })).toBe(true);
    expect(inView(key, { from: '2026-05' })).toBe(false);
    expect(inView(key, { to: '2026-05' })).toBe(false);
    expect(inView({ ...key, period: COARSENED }, {})).toBe(true);
    expect(inView({ ...key, period: COARSENED }, { from: '2000-01' })).toBe(false);
    expect(groupOf(key, 'month')).toBe(COARSENED);
    expect(groupOf({ ...key, period: '2026-05' }, 'month')).toBe('2026-05');
  });
});

// Random installations: a few values per attribute so that cells collide, many of them small.
const cellsArbitrary = fc.array(
  fc.record({
    version: fc.constantFrom('1.0.0', '1.1.0'),
    channel: fc.constantFrom('online', 'visit'),
    trade: fc.constantFrom('a', 'b', 'c', ''),
    employees: fc.constantFrom('1', '2-4', '5-9', ''),
    region: fc.constantFrom('r1', 'r2', ''),
    month: fc.constantFrom('2025-02', '2025-11', '2026-01', '2026-03', '2026-04', '2026-12'),
    n: fc.integer({ min: 1, max: 7 }),
  }),
  { maxLength: 40 },
).map((cells) => {
  // One stored row per cell, as the facts table has.
  const unique = new Map<string, CellKey & { n: number }>();
  for (const c of cells) unique.set(classId({ ...c, period: c.month }), c);
  return [...unique.values()];
});

const filtersArbitrary: fc.Arbitrary<ReleaseFilters> = fc.record(
  {
    version: fc.constantFrom('1.0.0', '1.1.0'),
    channel: fc.constantFrom('online', 'visit'),
    trade: fc.constantFrom('a', 'b', 'c', ''),
    employees: fc.constantFrom('1', '2-4', '5-9', ''),
    region: fc.constantFrom('r1', 'r2', ''),
    from: fc.constantFrom('2025-01', '2025-11', '2026-01', '2026-04'),
    to: fc.constantFrom('2025-12', '2026-03', '2026-04', '2026-12'),
  },
  { requiredKeys: [] },
);

describe('the guarantee', () => {
  it('every released description is shared by at least five checks', () => {
    fc.assert(
      fc.property(cellsArbitrary, (cells) => {
        const release = releaseCells(cells);
        const sizes = new Map<string, number>();
        for (const c of cells) {
          const key = release.of(c);
          if (key) sizes.set(classId(key), (sizes.get(classId(key)) ?? 0) + c.n);
        }
        for (const n of sizes.values()) expect(n).toBeGreaterThanOrEqual(MINIMUM_GROUP_SIZE);
        const total = cells.reduce((sum, c) => sum + c.n, 0);
        expect(release.counts.exact + release.counts.coarsened + release.counts.withheld).toBe(total);
        // Something is withheld only when fewer than five are left over at the coarsest description.
        expect(release.counts.withheld).toBeLessThan(MINIMUM_GROUP_SIZE);
      }),
      { numRuns: 500 },
    );
  });

  it('no two views, and no view and its groups, differ by one to four checks', () => {
    fc.assert(
      fc.property(cellsArbitrary, filtersArbitrary, filtersArbitrary, fc.constantFrom('trade', 'employees', 'region', 'channel', 'version', 'month' as const), (cells, a, b, groupBy) => {
        const release = releaseCells(cells);
        const count = (filters: ReleaseFilters, group?: string) =>
          cells.reduce((sum, c) => {
            const key = release.of(c);
            return key && inView(key, filters) && (group === undefined || groupOf(key, groupBy) === group) ? sum + c.n : sum;
          }, 0);
        // The intersection of two views is a view too (empty where they pick different values).
        const conflict = (['version', 'channel', 'trade', 'employees', 'region'] as const).some((k) => a[k] !== undefined && b[k] !== undefined && a[k] !== b[k]);
        const latest = [a.from, b.from].filter((m) => m !== undefined).sort().at(-1);
        const earliest = [a.to, b.to].filter((m) => m !== undefined).sort()[0];
        const both: ReleaseFilters = { ...a, ...b, ...(latest ? { from: latest } : {}), ...(earliest ? { to: earliest } : {}) };
        if (conflict) return;
        const small = (d: number) => d > 0 && d < MINIMUM_GROUP_SIZE;
        expect(small(count(a) - count(both))).toBe(false);
        expect(small(count(b) - count(both))).toBe(false);
        for (const group of new Set(cells.map((c) => release.of(c)).filter((k) => k !== undefined).map((k) => groupOf(k, groupBy)))) {
          const inGroup = count(a, group);
          expect(small(inGroup)).toBe(false);
          expect(small(count(a) - inGroup)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});

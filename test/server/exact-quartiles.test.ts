/**
 * The staff figures' definitions (server/stats/histogram.ts) against a direct
 * computation on the sorted scores, as Excel does it: MEDIAN, QUARTILE.INC
 * (type 7) and ROUND(AVERAGE(…),1) — through the same sparse encoding the fact
 * rows store and the dense sums the service reads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKETS, addHistogram, bucketOf, clearHistogram, decodeHistograms, encodeHistograms, meanOf, quantile, tenthsOf } from '../../server/stats/histogram.ts';
import { excelMean, excelQuantile } from '../helpers/excel-figures.ts';

/** The service's path: one sparse row per chunk of scores, added into one dense histogram. */
function figures(scores: readonly number[], rows = 1) {
  const dense = new Uint32Array(BUCKETS);
  let totalTenths = 0;
  const size = Math.ceil(scores.length / rows);
  for (let from = 0; from < scores.length; from += size) {
    const row = new Uint32Array(BUCKETS);
    for (const s of scores.slice(from, from + size)) {
      row[bucketOf(s)]!++;
      totalTenths += tenthsOf(s);
    }
    addHistogram(dense, 0, encodeHistograms(row, 1), 0);
  }
  const n = scores.length;
  return { n, mean: meanOf(totalTenths, n), median: quantile(dense, n, 0.5), q1: quantile(dense, n, 0.25), q3: quantile(dense, n, 0.75) };
}

const expected = (scores: readonly number[]) => ({
  n: scores.length,
  mean: excelMean(scores),
  median: excelQuantile(scores, 0.5),
  q1: excelQuantile(scores, 0.25),
  q3: excelQuantile(scores, 0.75),
});

/** Equal to the reference up to float noise, and itself free of it: at most three decimals, a multiple of 0.025. */
function expectExcel(actual: ReturnType<typeof figures>, scores: readonly number[]) {
  const reference = expected(scores);
  expect(actual.n).toBe(reference.n);
  expect(actual.mean).toBe(reference.mean);
  for (const figure of ['median', 'q1', 'q3'] as const) {
    expect(Math.abs(actual[figure] - reference[figure]), `${figure} of ${scores.join(' ')}`).toBeLessThan(1e-9);
    expect(String(actual[figure])).toMatch(/^\d+(\.\d{1,3})?$/);
    expect(Number.isInteger(Math.round(actual[figure] * 1000) / 25)).toBe(true);
  }
}

/** A stored score: one decimal, 0–100, as the engine's round1 leaves it. */
const score = fc.integer({ min: 0, max: 1000 }).map((tenths) => tenths / 10);
/** Few distinct values, so sets have ties and gaps. */
const clustered = fc.constantFrom(0, 0.1, 23.3, 50, 61.7, 99.9, 100);
const scoreSet = (minLength: number, maxLength: number) =>
  fc.oneof(
    fc.array(score, { minLength, maxLength }),
    fc.array(clustered, { minLength, maxLength }),
    fc.array(fc.oneof(score, clustered), { minLength, maxLength }),
    fc.tuple(score, fc.integer({ min: minLength, max: maxLength })).map(([s, n]) => Array.from({ length: n }, () => s)),
  );

describe('median, quartiles and mean of the staff figures', () => {
  it.each([
    { scores: [0, 0, 0, 0, 0, 100, 100, 100, 100, 100], median: 50, q1: 0, q3: 100, mean: 50 },
    { scores: [0, 0, 23.3, 100, 100, 100], median: 61.65, q1: 5.825, q3: 100, mean: 53.9 },
    { scores: [42.1], median: 42.1, q1: 42.1, q3: 42.1, mean: 42.1 },
    { scores: [10, 20], median: 15, q1: 12.5, q3: 17.5, mean: 15 },
    { scores: [0.1, 0.2], median: 0.15, q1: 0.125, q3: 0.175, mean: 0.2 },
    { scores: [1, 2, 3, 4, 5], median: 3, q1: 2, q3: 4, mean: 3 },
  ])('of $scores are Excel’s: median $median, quartiles $q1 and $q3, mean $mean', ({ scores, ...figure }) => {
    expect(figures(scores)).toEqual({ n: scores.length, ...figure });
    expectExcel(figures(scores), scores);
  });

  it('equal a sort-based computation for small groups: ties, gaps, all equal, 0 and 100', () => {
    fc.assert(
      fc.property(scoreSet(1, 30), fc.integer({ min: 1, max: 6 }), (scores, rows) => expectExcel(figures(scores, rows), scores)),
      { numRuns: 2000 },
    );
  });

  it('equal a sort-based computation for larger sets spread over many fact rows', () => {
    fc.assert(
      fc.property(scoreSet(31, 3000), fc.integer({ min: 1, max: 40 }), (scores, rows) => expectExcel(figures(scores, rows), scores)),
      { numRuns: 150 },
    );
  });
});

describe('the sparse histograms of a fact row', () => {
  it('decode to the dense histograms they were encoded from, figure by figure', () => {
    fc.assert(
      fc.property(fc.array(fc.array(score, { maxLength: 200 }), { minLength: 1, maxLength: 10 }), (perFigure) => {
        const dense = new Uint32Array(perFigure.length * BUCKETS);
        perFigure.forEach((scores, f) => scores.forEach((s) => dense[f * BUCKETS + bucketOf(s)]!++));
        expect(decodeHistograms(encodeHistograms(dense, perFigure.length))).toEqual(dense);
      }),
    );
  });

  it('keep a count beyond 22 bits exact by splitting it over entries of the same bucket', () => {
    const dense = new Uint32Array(2 * BUCKETS);
    dense[BUCKETS + 617] = 10_000_000;
    dense[BUCKETS + 1000] = 3;
    const sparse = encodeHistograms(dense, 2);
    expect([...sparse]).toEqual([3, 3, 7, 4_194_303 * 1024 + 617, 4_194_303 * 1024 + 617, 1_611_394 * 1024 + 617, 3 * 1024 + 1000]);
    expect(decodeHistograms(sparse)).toEqual(dense);
    expect(quantile(decodeHistograms(sparse).subarray(BUCKETS), 10_000_003, 1)).toBe(100);
  });

  it('lose one figure when it is cleared, the others untouched', () => {
    const dense = new Uint32Array(3 * BUCKETS);
    for (let f = 0; f < 3; f++) dense[f * BUCKETS + 100 * f] = f + 1;
    const sparse = encodeHistograms(dense, 3);
    clearHistogram(sparse, 1);
    const decoded = decodeHistograms(sparse);
    expect([decoded[0], decoded[BUCKETS + 100], decoded[2 * BUCKETS + 200]]).toEqual([1, 0, 3]);
  });
});

/**
 * Score histograms with one bucket per whole point (0–100). Means stay exact
 * (sums are kept beside them); quartiles are read from the histogram with
 * linear interpolation inside a bucket, so they are within half a point.
 */
export const BUCKETS = 101;

export function bucketOf(score: number): number {
  return Math.min(100, Math.max(0, Math.floor(score)));
}

/** The p-quantile (0–1) of the scores a histogram counts. */
export function quantile(histogram: Uint32Array, n: number, p: number): number {
  if (n === 0) return 0;
  const target = p * n;
  let cumulative = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const count = histogram[b]!;
    if (count > 0 && cumulative + count >= target) {
      const within = count === 0 ? 0 : (target - cumulative) / count;
      return Math.min(100, Math.round((b + within) * 10) / 10);
    }
    cumulative += count;
  }
  return 100;
}

/**
 * Score histograms in tenths of a point, and the figures staff read from them.
 *
 * The engine rounds every score to one decimal, so 1,001 buckets (0.0, 0.1,
 * … 100.0) count the stored scores exactly: the order statistics — and with
 * them median and quartiles — are the ones a spreadsheet computes from the
 * raw values. The definitions are Excel's, so a chamber can reproduce every
 * figure from results.csv:
 *
 * - median, first and third quartile: `MEDIAN` and `QUARTILE.INC` (German
 *   `QUARTILE.INKL`), i.e. Hyndman–Fan type 7: for sorted x₀…xₙ₋₁ and
 *   h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]);
 * - mean: `RUNDEN(MITTELWERT(…);1)` (`ROUND(AVERAGE(…),1)`), from sums kept in
 *   whole tenths, which float64 holds exactly.
 *
 * Fact rows store histograms sparsely (a dense one would be 4 KB per figure);
 * the service adds them into dense arrays per group.
 */
export const BUCKETS = 1001;

/** Bucket = score in tenths; a value off the one-decimal grid goes to the nearest tenth. */
export function bucketOf(score: number): number {
  return Math.min(BUCKETS - 1, Math.max(0, Math.round(score * 10)));
}

/** A score's contribution to a figure's total, in whole tenths: float64 sums them exactly up to 9 × 10¹² scores. */
export const tenthsOf = (score: number): number => bucketOf(score);

/** Excel's `RUNDEN(MITTELWERT(…);1)` from a total in tenths: exact, halves round up as Excel's do for scores ≥ 0. */
export function meanOf(totalTenths: number, n: number): number {
  return Math.round(totalTenths / n) / 10;
}

/** The k-th smallest score (0-based), in tenths. */
function orderStatistic(histogram: Uint32Array, k: number): number {
  let seen = 0;
  for (let b = 0; b < BUCKETS; b++) {
    seen += histogram[b]!;
    if (seen > k) return b;
  }
  throw new Error(`histogram holds ${seen} scores, asked for the ${k}th`);
}

/**
 * The p-quantile (0–1) of the n scores a dense histogram counts, as Excel's
 * `QUARTILE.INC` / `PERCENTILE.INC` (type 7). For p = ¼, ½, ¾ the result is a
 * multiple of 0.025; it is rounded to four decimals only to drop float noise.
 */
export function quantile(histogram: Uint32Array, n: number, p: number): number {
  if (n <= 0) return 0;
  const h = (n - 1) * p;
  const low = Math.floor(h);
  const fraction = h - low;
  const below = orderStatistic(histogram, low);
  const above = fraction > 0 ? orderStatistic(histogram, low + 1) : below;
  return Math.round(((below + fraction * (above - below)) / 10) * 1e4) / 1e4;
}

// Sparse encoding of a fact row's histograms, one Uint32Array (little-endian in the BLOB):
//   [0 … F]      offsets: figure f's entries are [offsets[f], offsets[f+1]);
//   [F+1 … end]  entries (count << 10) | bucket, buckets ascending, counts ≥ 1.
// A count above COUNT_MAX is split over several entries of the same bucket, so
// counts stay exact however many results one row holds.
const BUCKET_BITS = 10;
const BUCKET_MASK = (1 << BUCKET_BITS) - 1;
const COUNT_MAX = 2 ** (32 - BUCKET_BITS) - 1;

/** Encodes `figures` dense histograms (`BUCKETS` counts each, figure after figure). */
export function encodeHistograms(dense: Uint32Array, figures: number): Uint32Array {
  let entries = 0;
  for (let i = 0; i < figures * BUCKETS; i++) if (dense[i]) entries += Math.ceil(dense[i]! / COUNT_MAX);
  const sparse = new Uint32Array(figures + 1 + entries);
  let at = figures + 1;
  for (let f = 0; f < figures; f++) {
    sparse[f] = at;
    for (let b = 0; b < BUCKETS; b++) {
      for (let left = dense[f * BUCKETS + b]!; left > 0; left -= Math.min(left, COUNT_MAX)) {
        sparse[at++] = (Math.min(left, COUNT_MAX) * (BUCKET_MASK + 1) + b) >>> 0;
      }
    }
  }
  sparse[figures] = at;
  return sparse;
}

/** The number of figures a sparse histogram blob holds. */
export const figureCount = (sparse: Uint32Array): number => (sparse.length === 0 ? 0 : sparse[0]! - 1);

/** Adds figure `figure` of a sparse blob into a dense histogram starting at `at`. */
export function addHistogram(dense: Uint32Array, at: number, sparse: Uint32Array, figure: number): void {
  for (let k = sparse[figure]!, end = sparse[figure + 1]!; k < end; k++) {
    const entry = sparse[k]!;
    dense[at + (entry & BUCKET_MASK)]! += entry >>> BUCKET_BITS;
  }
}

/** Dense histograms (`BUCKETS` per figure) of a sparse blob. */
export function decodeHistograms(sparse: Uint32Array): Uint32Array {
  const figures = figureCount(sparse);
  const dense = new Uint32Array(figures * BUCKETS);
  for (let f = 0; f < figures; f++) addHistogram(dense, f * BUCKETS, sparse, f);
  return dense;
}

/** Empties one figure of a sparse blob in place (its entries count nothing). */
export function clearHistogram(sparse: Uint32Array, figure: number): void {
  sparse.fill(0, sparse[figure]!, sparse[figure + 1]!);
}

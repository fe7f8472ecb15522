/**
 * The staff figures as a spreadsheet computes them from the raw scores, the
 * slow and obvious way: the reference the dashboard and aggregates.csv are
 * checked against.
 */

/** Excel's QUARTILE.INC / PERCENTILE.INC (LibreOffice QUARTIL.INKL): type 7 on the sorted values. */
export function excelQuantile(scores: readonly number[], p: number): number {
  const x = [...scores].sort((a, b) => a - b);
  const h = (x.length - 1) * p;
  const low = Math.floor(h);
  return low + 1 < x.length ? x[low]! + (h - low) * (x[low + 1]! - x[low]!) : x[low]!;
}

/** ROUND(AVERAGE(…);1) of one-decimal scores, in exact integer arithmetic: the sum in tenths over n, halves up. */
export function excelMean(scores: readonly number[]): number {
  const tenths = scores.reduce((sum, s) => sum + Math.round(s * 10), 0);
  return Math.floor((2 * tenths + scores.length) / (2 * scores.length)) / 10;
}

export interface ExcelFigures {
  n: number;
  mean: number;
  median: number;
  q1: number;
  q3: number;
}

/** n, mean, median and quartiles, the quartiles rounded to four decimals like the service's (float noise only). */
export function excelFigures(scores: readonly number[]): ExcelFigures {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    n: scores.length,
    mean: excelMean(scores),
    median: round(excelQuantile(scores, 0.5)),
    q1: round(excelQuantile(scores, 0.25)),
    q3: round(excelQuantile(scores, 0.75)),
  };
}

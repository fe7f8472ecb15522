/**
 * What every benchmark reports: a figure, its target, and where it makes
 * sense a baseline measured in the same run, so noisy shared machines still
 * give comparable ratios.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≤ 20 µs". */
  target: string;
  pass: boolean;
  baseline?: { name: string; value: number };
  ratio?: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// Two significant digits below 0.1, so a ratio of 0.012 does not read as 0.01.
const format = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : Math.abs(n) >= 0.1 || n === 0 ? n.toFixed(2) : n.toPrecision(2));

export function printFigures(title: string, figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    `${format(f.value)} ${f.unit}`,
    f.baseline ? `${f.baseline.name}: ${format(f.baseline.value)} ${f.unit}` : '',
    f.ratio === undefined ? '' : `×${format(f.ratio)}`,
    f.target,
    f.pass ? 'ok' : 'MISSED',
  ]);
  const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Runs `fn` repeatedly and returns per-call durations in microseconds, after a warm-up. */
export function timeCalls(fn: () => unknown, { warmup = 2000, samples = 30, callsPerSample = 500 } = {}): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const durations: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < callsPerSample; i++) fn();
    durations.push(Number(process.hrtime.bigint() - start) / 1000 / callsPerSample);
  }
  return durations;
}

export const isMain = (url: string) => process.argv[1] !== undefined && url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);

/**
 * The monthly trend as a small line chart in plain SVG: the mean score per
 * month, the number of checks under each month, and a gap where a month had
 * too few checks to show (or none). One image for screen readers, whose
 * description lists every month's figures.
 */
export interface TrendChartPoint {
  key: string;
  label: string;
  /** null: no figure to show for this month. */
  value: number | null;
  valueText: string;
  countText: string;
}

const WIDTH = 640;
const HEIGHT = 230;
const M = { left: 40, right: 20, top: 18, bottom: 50 };

/** A y range that shows the movement but never hides where on the 0–100 scale it happens. */
function domain(values: number[]): [number, number] {
  if (!values.length) return [0, 100];
  let lo = Math.max(0, Math.floor((Math.min(...values) - 5) / 10) * 10);
  let hi = Math.min(100, Math.ceil((Math.max(...values) + 5) / 10) * 10);
  while (hi - lo < 30) {
    if (lo > 0) lo -= 10;
    if (hi - lo < 30 && hi < 100) hi += 10;
  }
  return [lo, hi];
}

export function TrendChart({ points, title, description, id }: { points: TrendChartPoint[]; title: string; description: string; id: string }) {
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const [lo, hi] = domain(values);
  const plotWidth = WIDTH - M.left - M.right;
  const plotHeight = HEIGHT - M.top - M.bottom;
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  const x = (i: number) => (points.length > 1 ? M.left + i * step : M.left + plotWidth / 2);
  const y = (value: number) => M.top + plotHeight - ((value - lo) / (hi - lo)) * plotHeight;
  const grid: number[] = [];
  for (let v = lo; v <= hi; v += hi - lo > 60 ? 20 : 10) grid.push(v);
  // Every month is labelled up to a year; beyond that every second, third … month.
  const labelEvery = Math.ceil(points.length / 12);

  // Unbroken runs of months with a figure become one line each.
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push([x(i), y(p.value)]);
  });
  if (run.length) runs.push(run);
  const path = (r: [number, number][]) => r.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
  const area = (r: [number, number][]) =>
    r.length > 1 ? `${path(r)} L${r[r.length - 1]![0].toFixed(1)},${M.top + plotHeight} L${r[0]![0].toFixed(1)},${M.top + plotHeight} Z` : '';

  return (
    <svg class="trend-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g class="trend-chart__grid">
        {grid.map((v) => (
          <g key={v}>
            <line x1={M.left} x2={WIDTH - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 8} y={y(v)} text-anchor="end" dominant-baseline="central">
              {v}
            </text>
          </g>
        ))}
      </g>
      {runs.map((r) => (
        <path key={`a${r[0]![0]}`} class="trend-chart__area" d={area(r)} />
      ))}
      {runs.map((r) => (
        <path key={`l${r[0]![0]}`} class="trend-chart__line" d={path(r)} />
      ))}
      {points.map((p, i) => (
        <g key={p.key}>
          {p.value === null ? (
            <line class="trend-chart__gap" x1={x(i)} x2={x(i)} y1={M.top} y2={M.top + plotHeight} />
          ) : (
            <g class="trend-chart__point">
              <circle cx={x(i)} cy={y(p.value)} r="4.5" />
              {points.length <= 12 ? (
                <text x={x(i)} y={y(p.value) - 11} text-anchor="middle">
                  {p.valueText}
                </text>
              ) : null}
              <title>{`${p.label}: ${p.valueText} (${p.countText})`}</title>
            </g>
          )}
          {i % labelEvery === 0 ? (
            <g class="trend-chart__axis">
              <text x={x(i)} y={HEIGHT - M.bottom + 20} text-anchor="middle">
                {p.label}
              </text>
              <text class="trend-chart__count" x={x(i)} y={HEIGHT - M.bottom + 38} text-anchor="middle">
                {p.countText}
              </text>
            </g>
          ) : null}
        </g>
      ))}
    </svg>
  );
}

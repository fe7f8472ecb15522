/**
 * Distributions side by side, one row each: the middle half of the scores
 * (first to third quartile) as a bar, the median as a tick and the mean as a
 * dot, on a 0–100 axis shaded by maturity level. Labels are HTML so long
 * names wrap; each row's drawing is an SVG in percent coordinates (no
 * viewBox), so it stretches with the page while dots stay round. Every row's
 * SVG is an image whose name carries its figures, for screen readers.
 */
export interface RangeSummary {
  mean: number;
  median: number;
  q1: number;
  q3: number;
}

export interface RangeRow {
  id: string;
  label: string;
  /** null: nothing to draw (suppressed, no answers); `emptyText` is shown instead. */
  summary: RangeSummary | null;
  emptyText?: string;
  /** The figures in words, the row image's accessible name. */
  figures: string;
  /** Short text at the row's end, e.g. the mean. */
  valueText: string;
  /** The total above the rest. */
  emphasis?: boolean;
}

export interface RangeBand {
  id: string;
  label: string;
  from: number;
  to: number;
}

export interface RangeLegendText {
  range: string;
  median: string;
  mean: string;
}

const TICKS = [0, 20, 40, 60, 80, 100];
const pct = (value: number) => `${Math.max(0, Math.min(100, value))}%`;

export function RangeChart({ rows, bands, legend }: { rows: RangeRow[]; bands: RangeBand[]; legend: RangeLegendText }) {
  return (
    <figure class="range-chart">
      <div class="range-chart__row range-chart__row--axis" aria-hidden="true">
        <span />
        <RangeBandLabels bands={bands} />
        <span />
      </div>
      <ul class="range-chart__rows">
        {rows.map((row) => (
          <li key={row.id} class={row.emphasis ? 'range-chart__row range-chart__row--emphasis' : 'range-chart__row'}>
            <span class="range-chart__label">{row.label}</span>
            {row.summary ? <RangePlot summary={row.summary} bands={bands} figures={row.figures} /> : <EmptyPlot text={row.emptyText ?? ''} />}
            <span class="range-chart__value" aria-hidden="true">
              {row.valueText}
            </span>
          </li>
        ))}
      </ul>
      <div class="range-chart__row range-chart__row--ticks" aria-hidden="true">
        <span />
        <RangeTicks />
        <span />
      </div>
      <RangeLegend text={legend} />
    </figure>
  );
}

/** The level names above the axis, each centred over its band (hidden where too narrow, see staff.css). */
export function RangeBandLabels({ bands }: { bands: RangeBand[] }) {
  return (
    <div class="range-chart__bands" aria-hidden="true">
      {bands.map((band) => (
        <span key={band.id} style={{ left: pct(band.from), width: pct(band.to - band.from) }}>
          {band.label}
        </span>
      ))}
    </div>
  );
}

export function RangeTicks() {
  return (
    <div class="range-chart__ticks" aria-hidden="true">
      {TICKS.map((tick) => (
        <span key={tick} style={{ left: pct(tick) }}>
          {tick}
        </span>
      ))}
    </div>
  );
}

/** One distribution on the 0–100 axis; an image named by its figures. */
export function RangePlot({ summary, bands, figures }: { summary: RangeSummary; bands: RangeBand[]; figures: string }) {
  // A group whose quartiles coincide still shows a sliver, not nothing.
  const width = Math.max(0.8, summary.q3 - summary.q1);
  const x = Math.min(summary.q1, 100 - width);
  return (
    <div class="range-chart__plot">
      <svg class="range-chart__svg" width="100%" height="100%" role="img" aria-label={figures}>
        {bands.map((band, i) => (
          <rect key={band.id} class={i % 2 ? 'range-chart__band range-chart__band--odd' : 'range-chart__band'} x={pct(band.from)} y="0" width={pct(band.to - band.from)} height="100%" />
        ))}
        <rect class="range-chart__box" x={pct(x)} y="25%" width={pct(width)} height="50%" rx="3" />
        <line class="range-chart__median" x1={pct(summary.median)} x2={pct(summary.median)} y1="15%" y2="85%" />
        <circle class="range-chart__mean" cx={pct(summary.mean)} cy="50%" r="5.5" />
      </svg>
    </div>
  );
}

/** Where a plot would be, a hatched box with the reason there is none (e.g. fewer than five businesses). */
export function EmptyPlot({ text, class: extra }: { text: string; class?: string }) {
  return (
    <div class={extra ? `range-chart__plot ${extra}` : 'range-chart__plot'}>
      <span class="range-chart__empty">{text}</span>
    </div>
  );
}

export function RangeLegend({ text }: { text: RangeLegendText }) {
  return (
    <ul class="chart-legend" aria-hidden="true">
      <li>
        <span class="chart-legend__swatch chart-legend__swatch--range" />
        {text.range}
      </li>
      <li>
        <span class="chart-legend__swatch chart-legend__swatch--median" />
        {text.median}
      </li>
      <li>
        <span class="chart-legend__swatch chart-legend__swatch--mean" />
        {text.mean}
      </li>
    </ul>
  );
}

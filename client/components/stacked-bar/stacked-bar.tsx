/**
 * Shares of a whole as one horizontal bar (the businesses per maturity
 * level). Segments are drawn in percent coordinates; one wide enough carries
 * its share as text, and the legend names every level with its count. The
 * bar is an image whose name lists all counts.
 */
export interface StackSegment {
  id: string;
  label: string;
  value: number;
}

/** Shares under this are not labelled inside the bar: the text would not fit. */
const LABEL_MIN_SHARE = 0.1;

export function StackedBar({ segments, figures, formatShare }: { segments: StackSegment[]; figures: string; formatShare: (share: number) => string }) {
  const total = segments.reduce((sum, s) => sum + s.value, 0);
  let start = 0;
  return (
    <div class="stacked-bar">
      <svg class="stacked-bar__svg" width="100%" height="100%" role="img" aria-label={figures}>
        {segments.map((segment, i) => {
          const share = total ? segment.value / total : 0;
          const x = start;
          start += share;
          if (share === 0) return null;
          return (
            <g key={segment.id} class={`stacked-bar__segment stacked-bar__segment--${i}`}>
              <rect x={`${x * 100}%`} y="0" width={`${share * 100}%`} height="100%" />
              {share >= LABEL_MIN_SHARE ? (
                <text x={`${(x + share / 2) * 100}%`} y="50%" text-anchor="middle" dominant-baseline="central">
                  {formatShare(share)}
                </text>
              ) : null}
              <title>{`${segment.label}: ${segment.value}`}</title>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** The key to the segment colours; with `formatShare`, counts and shares too. */
export function StackLegend({ segments, formatShare }: { segments: StackSegment[]; formatShare?: (share: number) => string }) {
  const total = segments.reduce((sum, s) => sum + s.value, 0);
  return (
    <ul class={formatShare ? 'stack-legend' : 'stack-legend stack-legend--compact'} aria-hidden={formatShare ? undefined : 'true'}>
      {segments.map((segment, i) => (
        <li key={segment.id}>
          <span class={`stack-legend__swatch stacked-bar__segment--${i}`} aria-hidden="true" />
          <span class="stack-legend__label">{segment.label}</span>
          {formatShare ? (
            <span class="stack-legend__count">
              {segment.value} <span class="stack-legend__share">({formatShare(total ? segment.value / total : 0)})</span>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

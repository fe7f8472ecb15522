/**
 * One bar per dimension in plain SVG: the score (0–100) on a track divided at
 * the level boundaries, with ticks for the peer group and the earlier check.
 * The figures are written out as text beside each bar.
 */
export interface DimensionBar {
  id: string;
  title: string;
  value: number;
  valueText: string;
  levelTitle: string;
  benchmark?: number;
  previous?: number;
  changeText?: string;
  hasBasis: boolean;
}

export function DimensionBars({ bars, boundaries, noBasisText }: { bars: DimensionBar[]; boundaries: number[]; noBasisText: string }) {
  return (
    <ul class="bars">
      {bars.map((bar) => (
        <li key={bar.id} class="bars__item">
          <div class="bars__head">
            <span class="bars__title">{bar.title}</span>
            <span class="bars__value">{bar.hasBasis ? bar.valueText : noBasisText}</span>
          </div>
          <svg class="bars__svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="bars__track" x="0" y="2" width="100" height="6" rx="3" />
            {boundaries.map((b) => (
              <line key={b} class="bars__boundary" x1={b} x2={b} y1="2" y2="8" />
            ))}
            {bar.hasBasis ? <rect class="bars__fill" x="0" y="2" width={Math.max(1.5, bar.value)} height="6" rx="3" /> : null}
            {bar.previous !== undefined ? <line class="bars__previous" x1={bar.previous} x2={bar.previous} y1="0" y2="10" /> : null}
            {bar.benchmark !== undefined ? <line class="bars__benchmark" x1={bar.benchmark} x2={bar.benchmark} y1="0" y2="10" /> : null}
          </svg>
          <div class="bars__foot">
            <span>{bar.levelTitle}</span>
            {bar.changeText ? <span class="bars__change">{bar.changeText}</span> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

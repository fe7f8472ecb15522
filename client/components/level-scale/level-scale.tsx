/** The levels side by side with the business's place among them (SVG), named in text too. */
export interface LevelBand {
  id: string;
  title: string;
  from: number;
  to: number;
}

export function LevelScale({ bands, score, current }: { bands: LevelBand[]; score: number; current: string }) {
  return (
    <div class="level-scale">
      <svg class="level-scale__svg" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        {bands.map((band, i) => (
          <rect
            key={band.id}
            class={band.id === current ? 'level-scale__band level-scale__band--current' : 'level-scale__band'}
            x={band.from + (i ? 0.4 : 0)}
            y="2"
            width={band.to - band.from - (i ? 0.4 : 0)}
            height="4"
          />
        ))}
        <rect class="level-scale__marker" x={Math.min(99, Math.max(0, score - 0.5))} y="0" width="1" height="8" />
      </svg>
      <ol class="level-scale__labels">
        {bands.map((band) => (
          <li key={band.id} class={band.id === current ? 'level-scale__label--current' : undefined} style={{ width: `${band.to - band.from}%` }}>
            {band.title}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * A radar chart in plain SVG: one axis per dimension (0–100), the business's
 * scores as a filled shape, optionally the peer group and the earlier check
 * as outlines. The numbers are also in the bars next to it, so the chart
 * itself is one image with a short description for screen readers.
 */
export interface RadarAxis {
  id: string;
  label: string;
  value: number;
  benchmark?: number;
  previous?: number;
}

const SIZE = 440;
const CENTER = SIZE / 2;
const RADIUS = 150;
const RINGS = [20, 40, 60, 80, 100];

const point = (index: number, count: number, value: number): [number, number] => {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  const r = (RADIUS * Math.max(0, Math.min(100, value))) / 100;
  return [CENTER + r * Math.cos(angle), CENTER + r * Math.sin(angle)];
};

const shape = (values: number[]) =>
  values.map((value, i) => point(i, values.length, value).map((n) => n.toFixed(1)).join(',')).join(' ');

export function RadarChart({ axes, title, description }: { axes: RadarAxis[]; title: string; description: string }) {
  const count = axes.length;
  const benchmark = axes.every((a) => a.benchmark !== undefined) ? axes.map((a) => a.benchmark!) : null;
  const previous = axes.every((a) => a.previous !== undefined) ? axes.map((a) => a.previous!) : null;
  return (
    // Extra room left and right for the axis labels.
    <svg class="radar" viewBox={`-80 15 ${SIZE + 160} ${SIZE - 30}`} role="img" aria-labelledby="radar-title radar-desc">
      <title id="radar-title">{title}</title>
      <desc id="radar-desc">{description}</desc>
      <g class="radar__grid">
        {RINGS.map((ring) => (
          <polygon key={ring} points={shape(axes.map(() => ring))} />
        ))}
        {axes.map((axis, i) => {
          const [x, y] = point(i, count, 100);
          return <line key={axis.id} x1={CENTER} y1={CENTER} x2={x} y2={y} />;
        })}
      </g>
      {previous ? <polygon class="radar__previous" points={shape(previous)} /> : null}
      {benchmark ? <polygon class="radar__benchmark" points={shape(benchmark)} /> : null}
      <polygon class="radar__value" points={shape(axes.map((a) => a.value))} />
      {axes.map((axis, i) => {
        const [x, y] = point(i, count, axis.value);
        return <circle key={axis.id} class="radar__dot" cx={x} cy={y} r={4} />;
      })}
      <g class="radar__labels">
        {axes.map((axis, i) => {
          const [x, y] = point(i, count, 118);
          const anchor = Math.abs(x - CENTER) < 8 ? 'middle' : x > CENTER ? 'start' : 'end';
          return (
            <text key={axis.id} x={x} y={y} text-anchor={anchor} dominant-baseline="middle">
              {axis.label}
            </text>
          );
        })}
      </g>
    </svg>
  );
}

/**
 * The report's page geometry, colours and text styles: one primary colour, one
 * accent, and a level scale from brick red to teal, interpolated for any
 * number of levels.
 */
import type { FontWeight } from './fonts.ts';

export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 76, bottom: 80, left: 64, right: 64 } as const;
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const BOTTOM = PAGE.height - MARGIN.bottom;
export const COLUMN_GAP = 24;
export const COLUMN_WIDTH = (CONTENT_WIDTH - COLUMN_GAP) / 2;

export const COLOR = {
  primary: '#1B3A5C',
  primaryDeep: '#132B45',
  accent: '#D9822B',
  text: '#1F2933',
  muted: '#5F6B76',
  faint: '#8A959F',
  rule: '#D3DAE1',
  tint: '#EEF2F6',
  white: '#FFFFFF',
  positive: '#2F7D5B',
  negative: '#B5483B',
  qr: '#111111',
} as const;

/** Low to high; levels in between are interpolated, so any number of levels gets a scale. */
export const LEVEL_STOPS = ['#B5483B', '#D9822B', '#D6B03A', '#7FA660', '#2F8A6E'] as const;

export interface TextStyle {
  font: FontWeight;
  size: number;
  color: string;
  lineGap?: number;
  characterSpacing?: number;
}

export const STYLE = {
  h1: { font: 'bold', size: 20, color: COLOR.primary, lineGap: 1 },
  h2: { font: 'bold', size: 13.5, color: COLOR.primary, lineGap: 1 },
  h3: { font: 'bold', size: 10.5, color: COLOR.text, lineGap: 1.5 },
  lead: { font: 'regular', size: 11, color: COLOR.text, lineGap: 3 },
  body: { font: 'regular', size: 9.75, color: COLOR.text, lineGap: 2.4 },
  bodyStrong: { font: 'bold', size: 9.75, color: COLOR.text, lineGap: 2.4 },
  small: { font: 'regular', size: 8.5, color: COLOR.muted, lineGap: 1.6 },
  smallStrong: { font: 'bold', size: 8.5, color: COLOR.text, lineGap: 1.6 },
  label: { font: 'bold', size: 7.5, color: COLOR.muted, characterSpacing: 0.5 },
  link: { font: 'regular', size: 8.5, color: COLOR.primary, lineGap: 1.6 },
  tiny: { font: 'regular', size: 7, color: COLOR.muted, lineGap: 1 },
} satisfies Record<string, TextStyle>;

export type Point = [number, number];

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

export function mix(hex: string, other: string, share: number): string {
  const a = hexToRgb(hex);
  const b = hexToRgb(other);
  return rgbToHex([0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * share) as [number, number, number]);
}

export function levelColor(index: number, count: number): string {
  if (count <= 1) return LEVEL_STOPS[LEVEL_STOPS.length - 1]!;
  const position = (Math.max(0, Math.min(index, count - 1)) / (count - 1)) * (LEVEL_STOPS.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, LEVEL_STOPS.length - 1);
  return mix(LEVEL_STOPS[lower]!, LEVEL_STOPS[upper]!, position - lower);
}

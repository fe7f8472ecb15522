/**
 * The dashboard writes each staff figure as aggregates.csv does: a median of
 * 61.65 reads 61,65 in both, never 61,6 or 61,7 on the screen.
 */
import { describe, expect, it } from 'vitest';
import { formatScore } from '../../client/pages/staff/dashboard-charts.tsx';
import { createTranslator } from '../../client/state/i18n.ts';
import { csvCell } from '../../reports/export-csv.ts';

describe('formatScore on the staff dashboard', () => {
  it('shows every possible median, quartile and mean as the CSV cell shows it', () => {
    const de = createTranslator('de');
    // Quartiles are multiples of 0.025 (k/40), means multiples of 0.1 — all of them from 0 to 100.
    for (let k = 0; k <= 4000; k++) {
      const value = Math.round((k / 40) * 1e4) / 1e4;
      expect(formatScore(de, value)).toBe(csvCell(value));
    }
    expect(formatScore(de, 61.65)).toBe('61,65');
    expect(formatScore(createTranslator('en'), 5.825)).toBe('5.825');
  });
});

import { describe, expect, it } from 'vitest';
import { fillTemplate, formatDate, formatLocalDateTime, numberFormats, sanitizeBlock, sanitizeLine } from '../../reports/report-text.ts';
import { wrapText } from '../../reports/wrap-text.ts';

describe('sanitizeLine', () => {
  it.each([
    ['plain text stays', 'Tischlerei Özdemir', 'Tischlerei Özdemir'],
    ['controls go', 'A\u0000B\u0007C\u001BD\u007FE\u009FF', 'ABCDEF'],
    ['line breaks and tabs become single spaces', 'a\r\nb\tc\n\nd', 'a b c d'],
    ['direction overrides and marks go', '\u202Eabc\u202C\u200F\u200E\u2066d\u2069', 'abcd'],
    ['lone surrogates become a replacement character', 'a\uD800b', 'a\uFFFDb'],
    ['decomposed umlauts are composed', 'Mu\u0308ller', 'Müller'],
    ['typographic quotes stay', '„Meister“ ‚Betrieb‘ – …', '„Meister“ ‚Betrieb‘ – …'],
  ])('%s', (_, input, expected) => {
    expect(sanitizeLine(input)).toBe(expected);
  });

  it('shortens to the given length with an ellipsis, counting characters not UTF-16 units', () => {
    expect(sanitizeLine('x'.repeat(10_000), 120)).toBe(`${'x'.repeat(119)}…`);
    const emoji = sanitizeLine('😀'.repeat(50), 10);
    expect(Array.from(emoji)).toHaveLength(10);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('sanitizeBlock', () => {
  it('keeps paragraphs, trims lines and collapses runs of blank lines', () => {
    expect(sanitizeBlock('  Erste Zeile  \r\n\r\n\r\n\r\n  zweite\u0007 Zeile \u2028dritte')).toBe('Erste Zeile\n\nzweite Zeile\ndritte');
  });
});

describe('fillTemplate', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('{a} von {b} ({c})', { a: 3, b: '7' })).toBe('3 von 7 ({c})');
  });

  it('does not read placeholders from the prototype', () => {
    expect(fillTemplate('{toString}', {})).toBe('{toString}');
  });
});

describe('numberFormats', () => {
  it.each([
    ['de-DE', 47.5, '47,5', '+47,5'],
    ['en-GB', 47.5, '47.5', '+47.5'],
    ['de-DE', -2, '-2', '\u22122'],
    ['de-DE', 0.04, '0', '±0'],
  ])('%s %d → %s / %s', (locale, value, score, delta) => {
    const numbers = numberFormats(locale);
    expect(numbers.score(value)).toBe(score);
    expect(numbers.delta(value)).toBe(delta);
  });
});

describe('dates', () => {
  it('formats a day per locale without depending on the time zone', () => {
    expect(formatDate('2026-11-23', 'de-DE')).toBe('23. November 2026');
    expect(formatDate('2026-11-23', 'en-GB')).toBe('23 November 2026');
    expect(() => formatDate('23.11.2026', 'de-DE')).toThrow(/YYYY-MM-DD/);
  });

  it('splits a catalogue date-time into printable parts', () => {
    expect(formatLocalDateTime('2026-12-03T17:00', 'de-DE')).toMatchObject({
      date: 'Do., 3. Dezember 2026',
      time: '17:00',
      day: '2026-12-03',
      dayOfMonth: '3',
      year: '2026',
    });
  });
});

describe('wrapText', () => {
  const measure = (text: string) => text.length * 5;

  it('breaks at spaces and keeps every line within the width', () => {
    const lines = wrapText('eins zwei drei vier fünf sechs', 50, measure);
    expect(lines.map((l) => l.text)).toEqual(['eins zwei', 'drei vier', 'fünf sechs']);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(50);
  });

  it('keeps explicit line breaks and empty paragraphs', () => {
    expect(wrapText('a\n\nb', 100, measure).map((l) => l.text)).toEqual(['a', '', 'b']);
  });

  it('breaks a long compound after a hyphen or slash before cutting it', () => {
    expect(wrapText('Digitalisierungs-Werkstatt', 90, measure).map((l) => l.text)).toEqual(['Digitalisierungs-', 'Werkstatt']);
    expect(wrapText('siehe https://example.org/pfad/zu/seite', 120, measure).map((l) => l.text)).toEqual([
      'siehe',
      'https://example.org/',
      'pfad/zu/seite',
    ]);
  });

  it('cuts a 500-character word into pieces that fit', () => {
    const lines = wrapText(`vorher ${'x'.repeat(500)} nachher`, 100, measure);
    expect(lines[0]!.text).toBe('vorher');
    expect(lines.map((l) => l.text).join('')).toBe(`vorher${'x'.repeat(500)}nachher`);
    for (const line of lines) expect(measure(line.text)).toBeLessThanOrEqual(100);
  });

  it('terminates even when a single character is wider than the line', () => {
    expect(wrapText('abc', 1, measure).map((l) => l.text)).toEqual(['a', 'b', 'c']);
  });
});

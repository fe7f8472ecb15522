import { describe, expect, it } from 'vitest';
import { loadReportFonts } from '../../reports/pdf/primitives/fonts.ts';
import { drawnText, printableText, textRuns } from '../../reports/pdf/primitives/text-runs.ts';

const fonts = loadReportFonts();
const faces = (text: string) => textRuns(text, 'regular', fonts).map((run) => [run.text, run.face.name, run.rtl, run.lang]);

describe('textRuns: one face per run of text', () => {
  it.each([
    ['German', 'Bäckerei Müller „Süß“ – 3.000 €'],
    ['Turkish', 'Öztürk Çağrı İnşaat ığ'],
    ['Polish', 'Łukasz Żółć Stolarstwo'],
    ['Cyrillic', 'Мастерская Иванов, Київ'],
  ])('keeps %s in Source Sans 3, in one run', (_, text) => {
    expect(faces(text)).toEqual([[text, 'regular', false, null]]);
  });

  it('sets Arabic in Noto Sans Arabic, right to left and named as Arabic, spaces at its ends left to the line', () => {
    expect(faces('Bäckerei مخبز السلام GmbH')).toEqual([
      ['Bäckerei ', 'regular', false, null],
      ['مخبز السلام', 'noto-sans-arabic-arabic-400-normal', true, 'ar'],
      [' ', 'regular', false, null],
      ['GmbH', 'regular', false, null],
    ]);
    expect(textRuns('مخبز', 'bold', fonts)[0]!.face.name).toBe('noto-sans-arabic-arabic-700-normal');
  });

  it('keeps an Arabic run one word for pdfkit, so fontkit lays out the whole run right to left', () => {
    const [run] = textRuns('مخبز السلام', 'regular', fonts);
    expect(drawnText(run!)).toBe('مخبز\u00A0السلام');
  });

  it('sets emoji in Noto Emoji with their skin tones; spaces stay in Source Sans', () => {
    const runs = textRuns('Team 👍🏽 ok 🥐', 'regular', fonts);
    expect(runs.map((r) => r.text).join('')).toBe('Team 👍🏽 ok 🥐');
    expect(runs.filter((r) => r.face.name.startsWith('noto-emoji')).map((r) => r.text)).toEqual(['👍🏽', '🥐']);
    expect(runs.every((r) => r.lang === null)).toBe(true);
  });

  it('keeps a symbol Source Sans has (☕) there and drops a variation selector it cannot show', () => {
    expect(faces('Café ☕\uFE0F')).toEqual([['Café ☕', 'regular', false, null]]);
  });

  it('prints "?" only for a character no face has', () => {
    expect(printableText('Bäckerei 漢字 مخبز 🥐', 'regular', fonts)).toBe('Bäckerei ?? مخبز 🥐');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel, type ReportInput, type ReportModel } from '../../reports/build-report-model.ts';
import { renderReportPdf } from '../../reports/render-report-pdf.ts';
import { assessSample, SAMPLE_DATE, SAMPLE_OPERATOR, SAMPLE_RETAKE_URL, sampleReportInput, type Sample, type SampleKind } from '../helpers/sample-results.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { compactText, readPdf, type ReadPdf, type WordBox } from './read-pdf.ts';

const shipped = handwerkDigital();
const questionnaire = shipped.prepared.definition;
const OPERATOR = SAMPLE_OPERATOR;
const RETAKE = SAMPLE_RETAKE_URL;
// The page area text may use: inside the side margins, between running header and footer.
const TEXT_AREA = { left: 63, right: 595.28 - 63, top: 30, bottom: 841.89 - 36 };

const inputFor = (sample: Sample, overrides: Partial<ReportInput> = {}) => sampleReportInput(sample, questionnaire, overrides);

interface Rendered {
  model: ReportModel;
  pdf: ReadPdf;
}

async function render(input: ReportInput): Promise<Rendered> {
  const model = buildReportModel(input);
  return { model, pdf: readPdf(await renderReportPdf(model)) };
}

/** Words whose boxes overlap by more than a sliver: text drawn over text. */
function overlaps(words: readonly WordBox[]): [WordBox, WordBox][] {
  const found: [WordBox, WordBox][] = [];
  const byPage = new Map<number, WordBox[]>();
  for (const word of words) byPage.set(word.page, [...(byPage.get(word.page) ?? []), word]);
  for (const pageWords of byPage.values()) {
    for (let i = 0; i < pageWords.length; i++) {
      const a = pageWords[i]!;
      for (let j = i + 1; j < pageWords.length; j++) {
        const b = pageWords[j]!;
        const width = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
        const height = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
        if (width <= 0.5 || height <= 0.5) continue;
        const smaller = Math.min((a.xMax - a.xMin) * (a.yMax - a.yMin), (b.xMax - b.xMin) * (b.yMax - b.yMin));
        if ((width * height) / smaller > 0.25) found.push([a, b]);
      }
    }
  }
  return found;
}

/** The text without running headers and footers, which a page break puts in the middle of a paragraph. */
function bodyText(pdf: ReadPdf, model: ReportModel): string {
  return pdf.pages
    .map((page, i) => {
      const lines = page.split('\n').filter((line) => line.trim() !== '');
      const furniture = new Set([lines[0], ...lines.slice(-2)]);
      const isFooter = (line: string) => line.includes(`${i + 1} von ${pdf.pages.length}`) || line.startsWith(model.footer.operator.slice(0, 20));
      return compactText(lines.filter((line, j) => !(isFooter(line) || (j === 0 && i > 0 && furniture.has(line)))).join('\n'));
    })
    .join('');
}

const rendered = {} as Record<SampleKind, Rendered>;

beforeAll(async () => {
  rendered.weak = await render(inputFor(assessSample(shipped, 'weak')));
  rendered.middling = await render(
    inputFor(assessSample(shipped, 'middling', { benchmark: true, previous: 'weak' }), {
      notes: { kunden: 'Der Inhaber möchte „schnell“ eine neue Website – Budget ca. 3.000 €.\nTermin mit der BIT-Beraterin vereinbart.' },
    }),
  );
  rendered.strong = await render(inputFor(assessSample(shipped, 'strong')));
}, 60_000);

describe.each(['weak', 'middling', 'strong'] as const)('renderReportPdf: the %s business', (kind) => {
  it('passes qpdf --check', () => {
    expect(rendered[kind].pdf.qpdfCheck.output).toContain('No syntax or stream encoding errors');
    expect(rendered[kind].pdf.qpdfCheck.ok).toBe(true);
  });

  it('is an A4 document with title, author, subject and language', () => {
    const { pdf, model } = rendered[kind];
    expect(pdf.info['Page size']).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    expect(pdf.info.Title).toBe(model.meta.title);
    expect(pdf.info.Author).toBe(OPERATOR);
    expect(pdf.info.Subject).toBe(model.meta.subject);
    expect(pdf.bytes.toString('latin1')).toContain('/Lang (de-DE)');
  });

  it('embeds Source Sans 3 regular and bold as CFF subsets with Unicode maps', () => {
    const { fonts } = rendered[kind].pdf;
    // CFF outlines (the OpenType files) subset smaller than the hinted TrueType ones: the tagged report stays under 150 KB.
    expect(fonts).toMatch(/\+SourceSans3-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/\+SourceSans3-Bold\s+CID Type 0C\s+Identity-H\s+yes yes yes/);
    expect(fonts).not.toMatch(/Helvetica/);
  });

  it('names every level, every dimension, the business level and the company', () => {
    const { pdf, model } = rendered[kind];
    for (const level of questionnaire.levels) expect(pdf.compact).toContain(compactText(level.title.de));
    for (const dimension of questionnaire.dimensions) expect(pdf.compact).toContain(compactText(dimension.title.de));
    expect(pdf.compact).toContain(compactText(`Stufe „${model.summary.level.title}“`));
    expect(pdf.compact).toContain(compactText(model.cover.company));
    expect(pdf.compact).toContain(compactText(model.summary.scoreText));
  });

  it('names every workshop and partner it refers to, and links their pages', () => {
    const { pdf, model } = rendered[kind];
    expect(model.workshops.length + model.partners.length).toBeGreaterThan(0);
    for (const w of model.workshops) {
      expect(pdf.compact).toContain(compactText(w.title));
      expect(pdf.compact).toContain(compactText(w.when));
      expect(pdf.links).toContain(w.registration.url);
    }
    for (const p of model.partners) {
      expect(pdf.compact).toContain(compactText(p.name));
      for (const link of p.links) expect(pdf.links).toContain(link.url);
    }
    expect(pdf.links).toContain(RETAKE);
  });

  it('numbers every page and names the operator in every footer', () => {
    const { pdf } = rendered[kind];
    const count = Number(pdf.info.Pages);
    expect(pdf.pages).toHaveLength(count);
    pdf.pages.forEach((page, i) => {
      expect(page).toContain(`Seite ${i + 1} von ${count}`);
      expect(page).toContain(OPERATOR);
    });
  });

  it('keeps all text inside the margins and never draws text over text', () => {
    const { pdf } = rendered[kind];
    const outside = pdf.words.filter(
      (w) => w.xMin < TEXT_AREA.left || w.xMax > TEXT_AREA.right || w.yMin < TEXT_AREA.top || w.yMax > TEXT_AREA.bottom,
    );
    expect(outside).toEqual([]);
    expect(overlaps(pdf.words).map(([a, b]) => `p${a.page}: "${a.text}" × "${b.text}"`)).toEqual([]);
  });
});

describe('renderReportPdf: content of the middling report', () => {
  it('prints German characters and typographic quotes as text', () => {
    const { text } = rendered.middling.pdf;
    for (const char of ['ä', 'ö', 'ü', 'ß', 'Ä', 'Ü', '„', '“', '–']) expect(text).toContain(char);
  });

  it('puts the radar legend with the peer group size and the earlier check on the summary page', () => {
    const { pdf, model } = rendered.middling;
    const summaryPage = compactText(pdf.pages[1]!);
    expect(summaryPage).toContain(compactText(model.summary.heading));
    for (const series of model.summary.radar.series) expect(summaryPage).toContain(compactText(series.label));
    expect(summaryPage).toMatch(/Durchschnittvon38Betrieben/);
    for (const axis of model.summary.radar.axes) expect(summaryPage).toContain(compactText(axis.label));
  });

  it('prints the scout note, the progress table and the next steps', () => {
    const { pdf, model } = rendered.middling;
    expect(pdf.compact).toContain(compactText('Der Inhaber möchte „schnell“ eine neue Website'));
    expect(pdf.compact).toContain(compactText(model.progress!.heading));
    for (const row of model.progress!.rows) expect(pdf.compact).toContain(compactText(`${row.title}${row.beforeText}${row.afterText}${row.deltaText}`));
    for (const item of model.nextSteps.items) expect(pdf.compact).toContain(compactText(item));
  });

  it('prints each recommendation that fired, in full', () => {
    const { pdf, model } = rendered.middling;
    const body = bodyText(pdf, model);
    for (const r of model.recommendations) expect(body).toContain(compactText(`${r.title}${r.text}`));
  });
});

describe('renderReportPdf in English', () => {
  it('prints the English texts and page labels', async () => {
    const { pdf, model } = await render(inputFor(assessSample(shipped, 'middling'), { locale: 'en' }));
    expect(pdf.qpdfCheck.ok).toBe(true);
    expect(pdf.bytes.toString('latin1')).toContain('/Lang (en-GB)');
    expect(pdf.compact).toContain(compactText('Your result at a glance'));
    expect(pdf.compact).toContain(compactText(model.summary.level.title));
    expect(pdf.pages[0]).toContain(`Page 1 of ${pdf.pages.length}`);
    for (const dimension of questionnaire.dimensions) expect(pdf.compact).toContain(compactText(dimension.title.en ?? dimension.title.de));
  });
});

describe('renderReportPdf with hostile text', () => {
  let hostile: Rendered;
  const longWord = 'Ä'.repeat(500);
  const longText = Array.from({ length: 1000 }, (_, i) => `Wort${i}\u0007\u202E`).join(' ').slice(0, 10_000);

  beforeAll(async () => {
    const sample = assessSample(shipped, 'middling', { benchmark: true });
    const wordy = structuredClone(questionnaire);
    const essay = Array.from({ length: 400 }, (_, i) => `Satz${i}`).join(' ');
    for (const text of Object.values(wordy.dimensions[0]!.levelTexts)) {
      text.status = { de: essay };
      text.nextStep = { de: essay };
    }
    hostile = await render(
      inputFor(sample, {
        questionnaire: wordy,
        profile: { ...sample.set.profile, companyName: `\u202E${longWord} „Firma“\u200F\u0000 ${'y'.repeat(10_000)}` },
        operator: `Kammer\u0007 ${'z'.repeat(300)}`,
        notes: Object.fromEntries(questionnaire.dimensions.map((d, i) => [d.id, i % 2 ? longText : `${longWord}\n\n\n${longWord}`])),
        retakeUrl: `https://check.example.org/${'p'.repeat(400)}`,
      }),
    );
  }, 60_000);

  it('renders a valid document', () => {
    expect(hostile.pdf.qpdfCheck.ok).toBe(true);
    expect(Number(hostile.pdf.info.Pages)).toBeGreaterThan(rendered.middling.pdf.pages.length);
  });

  it('drops control and direction characters and keeps the long words, broken into lines', () => {
    const { pdf } = hostile;
    expect(pdf.text).not.toMatch(/[\u0000-\u0008\u000B\u000E-\u001F\u202A-\u202E\u200E\u200F]/);
    expect(pdf.compact).toContain(longWord);
    expect(bodyText(pdf, hostile.model)).toContain(compactText(longText.replace(/[\u0007\u202E]/g, '')).slice(0, 3000));
  });

  it('keeps all text inside the margins and never draws text over text', () => {
    const { pdf } = hostile;
    const outside = pdf.words.filter(
      (w) => w.xMin < TEXT_AREA.left || w.xMax > TEXT_AREA.right || w.yMin < TEXT_AREA.top || w.yMax > TEXT_AREA.bottom,
    );
    expect(outside).toEqual([]);
    expect(overlaps(pdf.words).map(([a, b]) => `p${a.page}: "${a.text}" × "${b.text}"`)).toEqual([]);
  });
});

describe('renderReportPdf with many referrals', () => {
  it('flows twenty workshops and partners onto further pages, every one complete and linked', async () => {
    const sample = assessSample(shipped, 'weak');
    const base = sample.result.referrals;
    const workshops = Array.from({ length: 20 }, (_, i) => {
      const w = base.workshops[i % base.workshops.length]!;
      return { ...w, workshop: { ...w.workshop, id: `${w.workshop.id}-${i}`, title: { de: `${w.workshop.title.de} (Termin ${i + 1})` }, registrationUrl: `${w.workshop.registrationUrl}?termin=${i + 1}` } };
    });
    const partners = Array.from({ length: 20 }, (_, i) => {
      const p = base.partners[i % base.partners.length]!;
      return { ...p, partner: { ...p.partner, id: `${p.partner.id}-${i}`, name: { de: `${p.partner.name.de} ${i + 1}` }, contact: { ...p.partner.contact, url: `https://www.example.org/partner-${i + 1}` } } };
    });
    const { pdf } = await render(inputFor({ ...sample, result: { ...sample.result, referrals: { ...base, workshops, partners } } }));
    expect(pdf.qpdfCheck.ok).toBe(true);
    for (let i = 0; i < 20; i++) {
      expect(pdf.compact).toContain(compactText(`(Termin ${i + 1})`));
      expect(pdf.links).toContain(`${workshops[i]!.workshop.registrationUrl}`);
      expect(pdf.links).toContain(`https://www.example.org/partner-${i + 1}`);
    }
    expect(overlaps(pdf.words)).toEqual([]);
    expect(pdf.words.filter((w) => w.yMax > TEXT_AREA.bottom || w.xMax > TEXT_AREA.right)).toEqual([]);
  });
});

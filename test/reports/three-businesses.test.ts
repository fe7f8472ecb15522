/**
 * The three businesses through the report model and the PDF, read
 * back as text as a reader sees it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerSet, type Catalogue, type ScoredResult, assess } from '../../questionnaires/engine/index.ts';
import { buildReportModel, type ReportModel } from '../../reports/build-report-model.ts';
import { renderReportPdf } from '../../reports/render-report-pdf.ts';
import { SAMPLE_DATE, SAMPLE_OPERATOR } from '../helpers/sample-results.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { type BusinessName, businessAnswerSet } from '../fixtures/three-businesses.ts';
import { compactText, readPdf, type ReadPdf } from './read-pdf.ts';

const { prepared, catalogue } = latestHandwerkDigital();
const questionnaire = prepared.definition;
const RETAKE = 'https://check.example.org/wiederholen/6f1c8a3e-2b4d-4c5e-9f60-7a8b9c0d1e2f#sample-token';

interface Report {
  set: AnswerSet;
  result: ScoredResult;
  model: ReportModel;
  pdf: ReadPdf;
}

async function report(set: AnswerSet, options: { locale?: 'de' | 'en'; catalogue?: Catalogue } = {}): Promise<Report> {
  const result = assess(prepared, set, { catalogue: options.catalogue ?? catalogue, today: SAMPLE_DATE });
  const model = buildReportModel({
    result,
    questionnaire,
    profile: set.profile,
    answers: set.answers,
    locale: options.locale ?? 'de',
    date: SAMPLE_DATE,
    operator: SAMPLE_OPERATOR,
    retakeUrl: RETAKE,
  });
  return { set, result, model, pdf: readPdf(await renderReportPdf(model)) };
}

const title = (id: string) => questionnaire.dimensions.find((d) => d.id === id)!.title;
/** The text from a heading to the next one of the given headings (or the end). */
const between = (pdf: ReadPdf, start: string, ...ends: string[]) => {
  const from = pdf.compact.indexOf(compactText(start));
  expect(from, start).toBeGreaterThanOrEqual(0);
  const rest = pdf.compact.slice(from + compactText(start).length);
  const to = Math.min(...ends.map((end) => rest.indexOf(compactText(end))).filter((i) => i >= 0), rest.length);
  return rest.slice(0, to);
};

const reports = {} as Record<BusinessName | 'outside' | 'leaderBasicsOnly' | 'metalworkerEn' | 'bakeryEn', Report>;
beforeAll(async () => {
  const set = (name: BusinessName) => businessAnswerSet[name](prepared);
  reports.bakery = await report(set('bakery'));
  reports.painter = await report(set('painter'));
  reports.metalworker = await report(set('metalworker'));
  const painter = set('painter');
  reports.outside = await report({ ...painter, profile: { ...painter.profile, postcode: '10115' } });
  const basicsOnly = { ...catalogue, workshops: catalogue.workshops.filter((w) => w.audience.levels.length > 0 && !w.audience.levels.includes('vorreiter')) };
  reports.leaderBasicsOnly = await report(set('metalworker'), { catalogue: basicsOnly });
  reports.metalworkerEn = await report(set('metalworker'), { locale: 'en' });
  reports.bakeryEn = await report(set('bakery'), { locale: 'en' });
}, 60_000);

describe('every report of the three businesses', () => {
  it.each(['bakery', 'painter', 'metalworker'] as const)('%s: names the engine’s strengths and fields of action, in the summary and on the highlights pages', (name) => {
    const { result, model, pdf } = reports[name];
    const strengths = result.highlights!.strengths.map((id) => title(id).de);
    const fields = result.highlights!.actionFields.map((id) => title(id).de);
    expect(model.summary.strengths).toEqual(strengths);
    expect(model.summary.actionFields).toEqual(fields);
    const strengthsPage = between(pdf, `Ihre Stärken${(model.highlights.noStrengths ?? model.highlights.strengthsIntro).slice(0, 20)}`, 'Ihre wichtigsten Handlungsfelder');
    for (const s of strengths) expect(strengthsPage).toContain(compactText(s));
    const actionPage = between(pdf, 'Ihre wichtigsten HandlungsfelderHier hat', 'Angebote für Ihren Betrieb');
    for (const f of fields) expect(actionPage).toContain(compactText(f));
    expect(pdf.qpdfCheck.ok).toBe(true);
  });

  it.each(['bakery', 'painter', 'metalworker', 'outside'] as const)('%s: never arranges a meeting with a nationwide programme, never heads national offers "in Ihrer Nähe"', (name) => {
    const { model, pdf } = reports[name];
    expect(pdf.text).not.toContain('in Ihrer Nähe');
    for (const item of model.nextSteps.items.filter((i) => i.startsWith('Vereinbaren Sie ein Gespräch mit:'))) {
      expect(model.partners.find((p) => item.includes(p.name))?.nationwide, item).toBe(false);
    }
    expect(pdf.compact).not.toContain(compactText('Vereinbaren Sie ein Gespräch mit: Bundesprogramm'));
    const national = model.partners.filter((p) => p.nationwide);
    if (national.length) {
      const section = between(pdf, 'Bundesweite Angebote', 'Ihre nächsten Schritte');
      for (const p of national) expect(section).toContain(compactText(p.name));
    }
  });
});

describe('the bakery’s report', () => {
  it('offers no CAD/CAM, vehicle-diagnosis, construction-site, tendering or Datanorm workshop or partner', () => {
    const { model, pdf } = reports.bakery;
    const named = [...model.workshops.map((w) => w.title), ...model.partners.map((p) => p.name)];
    expect(named.length).toBeGreaterThan(4);
    for (const name of named) expect(name).not.toMatch(/CAD|CNC|Kfz|Diagnose|Baustelle|GAEB|e-Vergabe|Datanorm|BIM|Hochschule/);
    for (const name of named) expect(pdf.compact).toContain(compactText(name));
    expect(model.workshops.map((w) => w.title)).toContain('Digital einkaufen: Lieferanten-Onlineshops, digitale Lieferscheine und Rechnungsabgleich');
  });

  it('lists partners of its region under the region’s name, national ones under "Bundesweite Angebote"', () => {
    const { pdf, model } = reports.bakery;
    expect(pdf.compact).toContain(compactText('Ansprechpartner in der Region Kreis Recklinghausen'));
    expect(model.partners.some((p) => p.nationwide)).toBe(true);
    expect(pdf.compact).toContain(compactText('Bundesweite Angebote'));
  });
});

describe('the one-person painter’s report', () => {
  it('calls nothing a strength at 0 points and says so kindly', () => {
    const { model, pdf } = reports.painter;
    expect(model.strengths).toEqual([]);
    expect(model.summary.strengths).toEqual([]);
    expect(model.summary.noStrengths).toBe('Noch kein Bereich auf der Stufe „Anwender“ oder höher – jeder erste Schritt zählt.');
    const strengthsPage = between(pdf, 'Ihre Stärken', 'Ihre wichtigsten Handlungsfelder');
    expect(strengthsPage).toContain(compactText('Noch hat kein Handlungsfeld die Stufe „Anwender“ erreicht.'));
    expect(strengthsPage).not.toContain(compactText('0 Punkte'));
    expect(model.actionFields.map((a) => a.dimensionId)).toEqual(['strategie', 'kunden', 'auftrag']);
  });

  it('never mentions a team, apprentices or staff', () => {
    const { pdf } = reports.painter;
    const words = pdf.text.match(/\b\w*(Team|Auszubild|Azubi|Mitarbeitende|Lehrling)\w*/g) ?? [];
    expect(words).toEqual([]);
    expect(pdf.compact).toContain(compactText('Nehmen Sie sich eine Stunde Zeit für dieses Ergebnis'));
    expect(pdf.compact).toContain(compactText('Kompetenzen & Weiterbildung'));
  });

  it('promises a comparison and links to a re-check of this report, in text and QR code', () => {
    const { pdf, model } = reports.painter;
    expect(model.nextSteps.retake).toMatchObject({ url: RETAKE, text: expect.stringContaining('Ihr neues Ergebnis wird mit diesem verglichen') });
    expect(pdf.links.filter((url) => url === RETAKE).length).toBeGreaterThanOrEqual(2);
  });
});

describe('the metalworker’s report', () => {
  it('makes IT security a field of action, not a strength', () => {
    const { model } = reports.metalworker;
    expect(model.actionFields.map((a) => a.dimensionId)).toContain('sicherheit');
    expect(model.strengths.map((a) => a.dimensionId)).not.toContain('sicherheit');
  });

  it('offers its level, not the beginners’ courses', () => {
    const offers = between(reports.metalworker.pdf, 'Veranstaltungen und Werkstätten', 'Ansprechpartner');
    for (const basic of ['Ihr digitaler Fahrplan', 'DSGVO-Grundlagen', 'Phishing erkennen']) expect(offers, basic).not.toContain(compactText(basic));
    expect(offers).toContain(compactText('IT-Sicherheit für Fortgeschrittene'));
  });

  it('says honestly that nothing more advanced is on offer, naming the chamber adviser, when only basics are in the catalogue', () => {
    const { model, pdf } = reports.leaderBasicsOnly;
    expect(model.workshops).toEqual([]);
    expect(model.referralsSection.beyond).toMatchObject({ adviser: { id: 'hwk-bit-beratung' } });
    expect(pdf.compact).toContain(compactText('Für Ihre Stufe ist im Katalog gerade keine weiterführende Veranstaltung angekündigt'));
    expect(pdf.compact).toContain(compactText('Dr. Jana Beispiel'));
    expect(model.nextSteps.items).toContain('Besprechen Sie Ihre nächsten Schritte mit: Handwerkskammer-Beispiel Emscher-Lippe: Innovations- und Technologieberatung (BIT).');
  });
});

describe('a postcode outside the chamber’s area', () => {
  it('is told so and gets nationwide offers headed as such', () => {
    const { model, pdf } = reports.outside;
    expect(model.referralsSection.area).toBe('outside');
    expect(pdf.compact).toContain(compactText('Ihre Postleitzahl 10115 liegt außerhalb des Gebiets'));
    expect(pdf.compact).toContain(compactText('außerhalb des Kammergebiets'));
    expect(model.partners.length).toBeGreaterThan(0);
    expect(model.partners.every((p) => p.nationwide)).toBe(true);
    expect(pdf.compact).toContain(compactText('Bundesweite Angebote'));
    expect(pdf.compact).not.toContain(compactText('Ansprechpartner in der Region'));
    for (const w of model.workshops) expect(w.place).toBe('Online');
  });
});

describe('English reports', () => {
  it.each(['metalworkerEn', 'bakeryEn'] as const)('%s: carry the English catalogue texts, not the German ones', (name) => {
    const { result, pdf } = reports[name];
    const texts = [
      ...result.referrals.workshops.flatMap(({ workshop }) => [workshop.title, workshop.provider, ...(workshop.place ? [workshop.place] : [])]),
      ...result.referrals.partners.flatMap(({ partner }) => [partner.name, partner.offer]),
    ];
    expect(texts.length).toBeGreaterThan(4);
    // Letters and digits only: pdftotext reads a typographic apostrophe back as a space.
    const plain = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '');
    const printed = plain(pdf.text);
    for (const text of texts) {
      expect(text.en, text.de).toBeTruthy();
      expect(printed).toContain(plain(text.en!).slice(0, 60));
      if (text.en !== text.de) expect(printed, text.de).not.toContain(plain(text.de).slice(0, 60));
    }
    expect(pdf.compact).toContain(compactText(result.referrals.partners.some((p) => p.nationwide) ? 'Nationwide offers' : 'Contacts in the region'));
  });
});

describe('a result stored before this release (no highlights, no area, no nationwide flags)', () => {
  it('renders with the same rule: the engine’s highlights, regional and nationwide partners told apart', () => {
    const { result, set } = reports.bakery;
    const { highlights: _highlights, ...withoutHighlights } = result;
    const { area: _area, servedRegions: _served, beyondCatalogue: _beyond, adviser: _adviser, ...oldReferrals } = result.referrals;
    const old = {
      ...withoutHighlights,
      referrals: { ...oldReferrals, partners: result.referrals.partners.map(({ nationwide: _n, ...partner }) => partner) },
    } as unknown as ScoredResult;
    const model = buildReportModel({ result: old, questionnaire, profile: set.profile, locale: 'de', date: SAMPLE_DATE, operator: SAMPLE_OPERATOR });
    expect(model.summary.strengths).toEqual(reports.bakery.model.summary.strengths);
    expect(model.summary.actionFields).toEqual(reports.bakery.model.summary.actionFields);
    expect(model.partners.map((p) => [p.id, p.nationwide])).toEqual(reports.bakery.model.partners.map((p) => [p.id, p.nationwide]));
    expect(model.referralsSection).toMatchObject({ area: 'inside', beyond: null });
  });
});

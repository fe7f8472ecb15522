/**
 * One rule everywhere: whatever a business answers, the web result (and the
 * scouts' view, which shows the same component) and the PDF name the same
 * strengths and the same fields of action, in the same order and words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightsView } from '../../client/pages/result/result-view.ts';
import { createTranslator } from '../../client/state/i18n.ts';
import { assess, isSoloBusiness, type PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
import { buildReportModel } from '../../reports/build-report-model.ts';
import { answerSetArbitrary } from '../helpers/arbitraries.ts';
import { SAMPLE_DATE, SAMPLE_OPERATOR } from '../helpers/sample-results.ts';
import { shippedDefinitions } from '../helpers/shipped.ts';
import { BUSINESSES, businessAnswerSet } from '../fixtures/three-businesses.ts';

const { catalogue, questionnaires } = shippedDefinitions();
const versions = questionnaires.filter((q) => q.definition.id === 'handwerk-digital').map((q): [string, PreparedQuestionnaire] => [q.definition.version, q]);

function bothViews(prepared: PreparedQuestionnaire, set: Parameters<typeof assess>[1], locale: 'de' | 'en') {
  const result = assess(prepared, set, { catalogue, today: SAMPLE_DATE });
  const i18n = createTranslator(locale).voice(isSoloBusiness(prepared.definition, set.profile.employees));
  const web = highlightsView(result, prepared, i18n);
  const pdf = buildReportModel({ result, questionnaire: prepared.definition, profile: set.profile, locale, date: SAMPLE_DATE, operator: SAMPLE_OPERATOR });
  return { result, web, pdf };
}

describe.each(versions)('web result and PDF on handwerk-digital %s', (_version, prepared) => {
  it('name the same strengths and fields of action, in the same order and words, for any answers (property)', () => {
    fc.assert(
      fc.property(answerSetArbitrary(prepared), fc.constantFrom('de' as const, 'en' as const), (set, locale) => {
        const { result, web, pdf } = bothViews(prepared, set, locale);
        expect(web.strengths.map((a) => a.id)).toEqual(pdf.strengths.map((h) => h.dimensionId));
        expect(web.actionFields.map((a) => a.id)).toEqual(pdf.actionFields.map((h) => h.dimensionId));
        expect(web.strengths.map((a) => a.title)).toEqual(pdf.summary.strengths);
        expect(web.actionFields.map((a) => a.title)).toEqual(pdf.summary.actionFields);
        // "Where you gain most" on the web is the PDF's fields of action and the referrals' focus.
        expect(web.actionFields.map((a) => a.id)).toEqual(result.referrals.focus);
        expect(web.noStrengths === null).toBe(pdf.highlights.noStrengths === null);
        for (const id of web.strengths.map((a) => a.id)) expect(result.dimensions.find((d) => d.id === id)!.score).toBeGreaterThan(0);
      }),
      { numRuns: 120 },
    );
  });
});

describe('the three businesses of the issue, web and PDF', () => {
  const [, latest] = versions.at(-1)!;
  it.each(BUSINESSES)('%s: the web names the same areas as the PDF', (name) => {
    const { web, pdf } = bothViews(latest, businessAnswerSet[name](latest), 'de');
    expect(web.strengths.map((a) => a.title)).toEqual(pdf.summary.strengths);
    expect(web.actionFields.map((a) => a.title)).toEqual(pdf.summary.actionFields);
  });

  it('the painter at 0 reads kind words instead of a strength, on the web as in the PDF', () => {
    const { web } = bothViews(latest, businessAnswerSet.painter(latest), 'de');
    expect(web.strengths).toEqual([]);
    expect(web.noStrengths).toContain('Noch hat kein Bereich die Stufe „Anwender“ erreicht.');
    expect(web.actionFields.map((a) => a.title)).toEqual(['Strategie & Geschäftsmodell', 'Kunden & Marketing', 'Auftragsabwicklung & interne Prozesse']);
  });
});

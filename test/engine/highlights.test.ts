import { describe, expect, it } from 'vitest';
import { type DimensionScore, type QuestionnaireInput, highlightsOf, resultHighlights } from '../../questionnaires/engine/index.ts';
import { preparedMini } from '../fixtures/mini-questionnaire.ts';

// Three levels: low from 0, mid from 40, high from 75. Without rules, strengths count from the middle level, "mid".
const mini = preparedMini();

const dimension = (id: string, score: number, priority: number, level: string, hasBasis = true): DimensionScore => ({
  id,
  score,
  level,
  priority,
  hasBasis,
  completeness: 1,
  answered: 1,
  visible: 1,
  potential: null,
});

describe('highlightsOf: one rule for strengths and fields of action', () => {
  it.each([
    ['nothing done anywhere: no strength, every area a field of action', [dimension('web', 0, 100, 'low'), dimension('sec', 0, 100, 'low')], [], ['web', 'sec']],
    ['a tie in potential goes to the lower score, then the questionnaire order', [dimension('web', 30, 60, 'low'), dimension('sec', 20, 60, 'low')], [], ['sec', 'web']],
    ['below the strength level there is no strength, however far ahead', [dimension('web', 39.9, 10, 'low'), dimension('sec', 5, 90, 'low')], [], ['sec', 'web']],
    ['at the strength level an area with no gap is a strength', [dimension('web', 40, 0, 'mid'), dimension('sec', 5, 90, 'low')], ['web'], ['sec']],
    ['an area without a gap is never a field of action', [dimension('web', 100, 0, 'high'), dimension('sec', 100, 0, 'high')], ['web', 'sec'], []],
    ['an area without answers is neither', [dimension('web', 0, 0, 'low', false), dimension('sec', 80, 20, 'high')], [], ['sec']],
  ] as const)('%s', (_name, dimensions, strengths, actionFields) => {
    const highlights = highlightsOf(mini.definition, dimensions);
    expect(highlights).toEqual({ strengthFromLevel: 'mid', strengths, actionFields });
  });

  it('names an area once: a field of action is never also a strength', () => {
    const questionnaire = preparedMini((q: QuestionnaireInput) => {
      q.highlights = { strengthFromLevel: 'mid', maxActionFields: 1 };
    }).definition;
    const both = [dimension('web', 90, 10, 'high'), dimension('sec', 80, 5, 'high')];
    expect(highlightsOf(questionnaire, both)).toEqual({ strengthFromLevel: 'mid', strengths: ['sec'], actionFields: ['web'] });
  });

  it('never calls 0 points a strength, even when the stated level is the lowest', () => {
    const questionnaire = preparedMini((q: QuestionnaireInput) => {
      q.highlights = { strengthFromLevel: 'low', maxActionFields: 1 };
    }).definition;
    const zero = [dimension('web', 0, 100, 'low'), dimension('sec', 0, 100, 'low')];
    expect(highlightsOf(questionnaire, zero).strengths).toEqual([]);
  });

  it('follows the limits a questionnaire states', () => {
    const questionnaire = preparedMini((q: QuestionnaireInput) => {
      q.highlights = { strengthFromLevel: 'high', maxStrengths: 1, maxActionFields: 1 };
    }).definition;
    const dimensions = [dimension('web', 60, 40, 'mid'), dimension('sec', 90, 5, 'high')];
    expect(highlightsOf(questionnaire, dimensions)).toEqual({ strengthFromLevel: 'high', strengths: ['sec'], actionFields: ['web'] });
  });

  it('a stored result keeps the highlights it was scored with; an older one gets the same rule', () => {
    const dimensions = [dimension('web', 0, 100, 'low'), dimension('sec', 50, 50, 'mid')];
    const stored = { strengthFromLevel: 'mid', strengths: [], actionFields: ['sec'] };
    expect(resultHighlights(mini.definition, { dimensions, highlights: stored })).toBe(stored);
    expect(resultHighlights(mini.definition, { dimensions })).toEqual(highlightsOf(mini.definition, dimensions));
  });

  it('refuses a questionnaire whose strength level does not exist', async () => {
    const { checkQuestionnaire } = await import('../../questionnaires/engine/index.ts');
    const { miniQuestionnaire } = await import('../fixtures/mini-questionnaire.ts');
    const input = { ...miniQuestionnaire(), highlights: { strengthFromLevel: 'gold' } };
    const checked = checkQuestionnaire(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues).toContainEqual({ code: 'unknown-level', path: ['highlights', 'strengthFromLevel'], message: 'unknown level "gold"' });
  });
});

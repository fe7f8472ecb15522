import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type PreparedQuestionnaire,
  assess,
  resolveVisibility,
  scoreAnswers,
  validateAnswerSet,
} from '../../questionnaires/engine/index.ts';
import { answerSetArbitrary, validAnswer } from '../helpers/arbitraries.ts';
import { shippedDefinitions } from '../helpers/shipped.ts';
import { miniCatalogue, preparedMini } from '../fixtures/mini-questionnaire.ts';

const scoresOf = (prepared: PreparedQuestionnaire, set: Parameters<typeof scoreAnswers>[1]) => {
  const { overall, dimensions } = scoreAnswers(prepared, set);
  return { overall, dimensions: dimensions.map((d) => [d.id, d.score, d.level]) };
};

const questionnaires = (): [string, PreparedQuestionnaire][] => [
  ['mini', preparedMini()],
  ...shippedDefinitions().questionnaires.map((q): [string, PreparedQuestionnaire] => [`${q.definition.id} ${q.definition.version}`, q]),
];

describe.each(questionnaires())('properties of %s', (_name, prepared) => {
  const sets = answerSetArbitrary(prepared);

  it('generated answer sets are valid', () => {
    fc.assert(fc.property(sets, (set) => validateAnswerSet(prepared, set).ok));
  });

  it('every score stays within 0–100 and every level exists', () => {
    fc.assert(
      fc.property(sets, (set) => {
        const scores = scoreAnswers(prepared, set);
        for (const s of [scores.overall, ...scores.dimensions]) {
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
          expect(prepared.levelIndex.has(s.level)).toBe(true);
        }
        for (const c of scores.contributions) expect(c.points).toBeLessThanOrEqual(c.maxPoints + 1e-9);
      }),
    );
  });

  it('answers to invisible questions never change a score', () => {
    fc.assert(
      fc.property(sets, sets, (set, other) => {
        const visible = new Set(resolveVisibility(prepared, set.answers, set.profile).visible.map((e) => e.question.id));
        const hiddenAnswers = Object.fromEntries(Object.entries(other.answers).filter(([id]) => !visible.has(id)));
        expect(scoresOf(prepared, { ...set, answers: { ...hiddenAnswers, ...set.answers } })).toEqual(scoresOf(prepared, set));
      }),
    );
  });

  it('"not applicable" scores exactly like no answer', () => {
    const withNa = prepared.questions.filter((e) => e.question.notApplicable).map((e) => e.question.id);
    fc.assert(
      fc.property(sets, fc.subarray(withNa), (set, chosen) => {
        const marked = { ...set.answers, ...Object.fromEntries(chosen.map((id) => [id, 'n/a'])) };
        const removed = Object.fromEntries(Object.entries(set.answers).filter(([id]) => !chosen.includes(id)));
        expect(scoresOf(prepared, { ...set, answers: marked })).toEqual(scoresOf(prepared, { ...set, answers: removed }));
      }),
    );
  });

  it('scoring is deterministic: the same answers give the same result', () => {
    const catalogue = prepared.definition.id === 'mini' ? miniCatalogue() : shippedDefinitions().catalogue;
    fc.assert(
      fc.property(sets, (set) => {
        const first = assess(prepared, set, { catalogue, today: '2026-11-23' });
        const again = assess(prepared, structuredClone(set), { catalogue, today: '2026-11-23' });
        expect(again).toEqual(first);
      }),
      { numRuns: 30 },
    );
  });
});

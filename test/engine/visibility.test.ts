import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type AnswerValue, type Progress, progressOf, resolveVisibility, visibleQuestionIds } from '../../questionnaires/engine/index.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { answerSetArbitrary } from '../helpers/arbitraries.ts';
import { shippedDefinitions } from '../helpers/shipped.ts';
import { preparedMini } from '../fixtures/mini-questionnaire.ts';

const prepared = preparedMini();

describe('visibleQuestionIds', () => {
  it.each([
    ['no answers, no trade: follow-ups and trade questions hidden', {}, {}, ['site', 'channels', 'wish', 'backup', 'pcs']],
    ['a website shows its follow-up', { site: 'current' }, {}, ['site', 'site-update', 'channels', 'wish', 'backup', 'pcs']],
    ['no website keeps the follow-up hidden', { site: 'none' }, {}, ['site', 'channels', 'wish', 'backup', 'pcs']],
    ['the building trade sees the BIM question', {}, { trade: 'bau' }, ['site', 'channels', 'bim', 'wish', 'backup', 'pcs']],
    ['the food trade does not', {}, { trade: 'food' }, ['site', 'channels', 'wish', 'backup', 'pcs']],
  ])('%s', (_name, answers, profile, expected) => {
    expect(visibleQuestionIds(prepared, answers, profile)).toEqual(expected);
  });

  it('ignores the answer to a hidden question', () => {
    const { effectiveAnswers } = resolveVisibility(prepared, { site: 'none', 'site-update': true, bim: 4 }, { trade: 'food' });
    expect([...effectiveAnswers.keys()]).toEqual(['site']);
  });
});

describe('progressOf', () => {
  it('counts required questions and required profile fields only', () => {
    const progress = progressOf(prepared, { site: 'current', 'site-update': true, wish: 'x' }, { trade: 'food' });
    // required: trade, employees, site, backup; done: trade and site (the optional follow-up and wish do not count)
    expect(progress).toEqual({ answered: 2, total: 4, percent: 50, requiredOpen: ['profile.employees', 'backup'] });
  });

  it('reaches 100 % when everything required is answered, optional questions left open', () => {
    const answers = { site: 'none', backup: 'no' };
    expect(progressOf(prepared, answers, { trade: 'food', employees: '1' })).toEqual({ answered: 4, total: 4, percent: 100, requiredOpen: [] });
  });

  it('keeps its total as a follow-up appears and disappears', () => {
    const sets: Record<string, AnswerValue>[] = [{}, { site: 'current' }, { site: 'current', 'site-update': true }, { site: 'none', 'site-update': true }];
    const totals = sets.map(
      (answers) => progressOf(prepared, answers, { trade: 'food', employees: '1' }).total,
    );
    expect(new Set(totals)).toEqual(new Set([4]));
  });
});

describe('progressOf over the shipped questionnaires', () => {
  const shipped = shippedDefinitions().questionnaires;

  it.each(shipped.map((q) => [q.definition.version, q] as const))(
    '%s: the total depends on the profile only, answers never lower it or push it up, and the end means nothing required is open',
    (_version, questionnaire) => {
      fc.assert(
        fc.property(answerSetArbitrary(questionnaire), (set) => {
          const progress = progressOf(questionnaire, set.answers, set.profile);
          expect(progress.total).toBe(progressOf(questionnaire, {}, set.profile).total);
          expect(progress.answered).toBeLessThanOrEqual(progress.total);
          expect(progress.percent === 100).toBe(progress.requiredOpen.length === 0);
          expect(progress.answered === progress.total).toBe(progress.requiredOpen.length === 0);
        }),
        { numRuns: 300 },
      );
    },
  );

  it.each(shipped.map((q) => [q.definition.version, q] as const))(
    '%s: answering in order, the count only grows, one step per required question, up to the total',
    (_version, questionnaire) => {
      const set = completeAnswerSet(questionnaire, 'middling');
      const answers: Record<string, AnswerValue> = {};
      const seen: Progress[] = [progressOf(questionnaire, answers, set.profile)];
      for (const [id, value] of Object.entries(set.answers)) {
        answers[id] = value;
        seen.push(progressOf(questionnaire, answers, set.profile));
      }
      expect(new Set(seen.map((p) => p.total)).size).toBe(1);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.answered - seen[i - 1]!.answered).toBeGreaterThanOrEqual(0);
      expect(seen.at(-1)).toMatchObject({ answered: seen[0]!.total, percent: 100, requiredOpen: [] });
    },
  );
});

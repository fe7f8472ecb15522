import { describe, expect, it } from 'vitest';
import { progressOf, resolveVisibility, visibleQuestionIds } from '../../questionnaires/engine/index.ts';
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
  it('counts visible questions and required profile fields only', () => {
    const progress = progressOf(prepared, { site: 'current', 'site-update': true }, { trade: 'food' });
    // visible: 6 questions + 2 required profile fields; answered: 2 questions + trade
    expect(progress).toEqual({ answered: 3, total: 8, percent: 37, requiredOpen: ['profile.employees', 'backup'] });
  });

  it('reaches 100 % when everything visible is answered', () => {
    const answers = { site: 'none', channels: ['nothing'], wish: 'mehr', backup: 'no', pcs: 1 };
    expect(progressOf(prepared, answers, { trade: 'food', employees: '1' })).toMatchObject({ percent: 100, requiredOpen: [] });
  });

  it('does not count an answer whose question became hidden', () => {
    const before = progressOf(prepared, { site: 'current', 'site-update': true }, {});
    const after = progressOf(prepared, { site: 'none', 'site-update': true }, {});
    expect(before.answered - after.answered).toBe(1);
    expect(before.total - after.total).toBe(1);
  });
});

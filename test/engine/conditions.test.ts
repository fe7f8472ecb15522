import { describe, expect, it } from 'vitest';
import { type Condition, evaluateCondition, referencedQuestions } from '../../questionnaires/engine/index.ts';

const answers = new Map<string, unknown>([
  ['site', 'current'],
  ['channels', ['google', 'insta']],
  ['pcs', 4],
  ['selfcare', true],
]) as Map<string, never>;
const context = { answers, profile: { trade: 'bau', employees: '2-4' } };

describe('evaluateCondition', () => {
  it.each<[string, Condition, boolean]>([
    ['equals an option id', { question: 'site', equals: 'current' }, true],
    ['equals another option id', { question: 'site', equals: 'old' }, false],
    ['equals a boolean', { question: 'selfcare', equals: true }, true],
    ['in a list', { question: 'site', in: ['old', 'current'] }, true],
    ['not in a list', { question: 'site', in: ['none'] }, false],
    ['includes a chosen option', { question: 'channels', includes: 'insta' }, true],
    ['includes an option not chosen', { question: 'channels', includes: 'shop' }, false],
    ['includes on a single answer', { question: 'site', includes: 'current' }, false],
    ['greater than', { question: 'pcs', greaterThan: 3 }, true],
    ['greater than, equal value', { question: 'pcs', greaterThan: 4 }, false],
    ['less than', { question: 'pcs', lessThan: 5 }, true],
    ['greater than on a text answer', { question: 'site', greaterThan: 0 }, false],
    ['answered', { question: 'site', answered: true }, true],
    ['not answered', { question: 'missing', answered: false }, true],
    ['unanswered question equals', { question: 'missing', equals: 'x' }, false],
    ['profile trade equals', { profile: 'trade', equals: 'bau' }, true],
    ['profile trade in', { profile: 'trade', in: ['food', 'wood'] }, false],
    ['profile field not given', { profile: 'postcode', equals: '46236' }, false],
    ['all: every part holds', { all: [{ question: 'site', equals: 'current' }, { profile: 'employees', equals: '2-4' }] }, true],
    ['all: one part fails', { all: [{ question: 'site', equals: 'current' }, { profile: 'employees', equals: '1' }] }, false],
    ['any: one part holds', { any: [{ question: 'site', equals: 'none' }, { question: 'pcs', greaterThan: 1 }] }, true],
    ['not', { not: { question: 'site', equals: 'current' } }, false],
    ['dimension leaf without scores', { dimension: 'web', scoreBelow: 50 }, false],
  ])('%s', (_name, condition, expected) => {
    expect(evaluateCondition(condition, context)).toBe(expected);
  });

  it('compares dimension levels by their order, not their names', () => {
    const scored = {
      ...context,
      levelIndex: new Map([['low', 0], ['mid', 1], ['high', 2]]),
      dimensions: new Map([['web', { score: 55, levelIndex: 1 }]]),
    };
    expect(evaluateCondition({ dimension: 'web', atOrBelowLevel: 'mid' }, scored)).toBe(true);
    expect(evaluateCondition({ dimension: 'web', atOrBelowLevel: 'low' }, scored)).toBe(false);
    expect(evaluateCondition({ dimension: 'web', scoreBelow: 60 }, scored)).toBe(true);
    expect(evaluateCondition({ dimension: 'web', scoreBelow: 55 }, scored)).toBe(false);
  });

  it('never reads inherited properties of the profile', () => {
    const profile = Object.create({ trade: 'bau' }) as Record<string, string>;
    expect(evaluateCondition({ profile: 'trade', equals: 'bau' }, { answers, profile })).toBe(false);
  });
});

describe('referencedQuestions', () => {
  it('lists the questions of nested conditions', () => {
    expect(
      referencedQuestions({ all: [{ question: 'a', equals: 1 }, { not: { any: [{ question: 'b', answered: true }, { profile: 'trade', equals: 'x' }] } }] }),
    ).toEqual(['a', 'b']);
  });
});

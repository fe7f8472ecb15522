import { describe, expect, it } from 'vitest';
import { checkAnswer, formatIssues, validateAnswerSet } from '../../questionnaires/engine/index.ts';
import { preparedMini } from '../fixtures/mini-questionnaire.ts';

const prepared = preparedMini();
const question = (id: string) => prepared.questionById.get(id)!.question;

describe('checkAnswer', () => {
  it.each([
    ['site', 'current', null],
    ['site', 'x', 'unknown option "x"'],
    ['site', ['current'], 'expected one option id'],
    ['site', 'n/a', '"not applicable" is not offered for this question'],
    ['channels', ['google', 'shop'], null],
    ['channels', 'n/a', null],
    ['channels', ['google', 'google'], 'option "google" is chosen twice'],
    ['channels', ['nothing', 'google'], 'option "nothing" cannot be combined with others'],
    ['channels', ['tiktok'], 'unknown option "tiktok"'],
    ['channels', 'google', 'expected a list of option ids'],
    ['bim', 3, null],
    ['bim', 6, 'must be between 1 and 5'],
    ['bim', 2.5, 'expected a whole number'],
    ['bim', 'n/a', null],
    ['site-update', false, null],
    ['site-update', 'yes', 'expected true or false'],
    ['pcs', 12, null],
    ['pcs', -1, 'must be between 0 and 500'],
    ['pcs', 1.5, 'expected a whole number'],
    ['wish', 'schneller', null],
    ['wish', 'x'.repeat(21), 'must be at most 20 characters'],
    ['wish', 5, 'expected a text'],
  ])('%s = %j → %s', (id, value, expected) => {
    expect(checkAnswer(question(id), value as never)).toBe(expected);
  });
});

describe('validateAnswerSet', () => {
  const base = { questionnaireId: 'mini', version: '1.0.0' };

  it('accepts a draft with open questions', () => {
    expect(validateAnswerSet(prepared, { ...base, answers: { site: 'old' } })).toMatchObject({ ok: true });
  });

  it('names every bad answer by its path', () => {
    const result = validateAnswerSet(prepared, {
      ...base,
      profile: { trade: 'metal', employees: '1' },
      answers: { site: 'x', unknown: 1, pcs: 'many' },
      relevance: { pcs: 3 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatIssues(result.issues).split('\n')).toEqual([
      'profile.trade: unknown trade "metal"',
      'answers.site: unknown option "x"',
      'answers.unknown: unknown question "unknown"',
      'answers.pcs: expected a number',
      'relevance.pcs: this question does not ask for relevance',
    ]);
  });

  it('rejects a "__proto__" key instead of dropping it silently', () => {
    const result = validateAnswerSet(prepared, JSON.parse('{"questionnaireId":"mini","version":"1.0.0","answers":{"__proto__":{"x":1},"site":"old"}}'));
    expect(result).toEqual({ ok: false, issues: [{ code: 'forbidden-key', path: ['answers', '__proto__'], message: 'the key "__proto__" is not allowed' }] });
  });

  it('rejects fields the format does not have, such as a status', () => {
    const result = validateAnswerSet(prepared, { ...base, status: 'submitted', answers: { constructor: 'x' } });
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'unrecognized_keys', path: [] }] });
  });

  it('treats "constructor" as just another unknown question', () => {
    const result = validateAnswerSet(prepared, { ...base, answers: { constructor: 'x' } });
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'unknown-question', path: ['answers', 'constructor'] }] });
  });

  it('rejects a relevance outside 1–5 and a malformed postcode', () => {
    const result = validateAnswerSet(prepared, { ...base, profile: { postcode: '4623x' }, relevance: { site: 6 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path.join('.')).sort()).toEqual(['profile.postcode', 'relevance.site']);
  });

  it('on submit, lists the required visible questions and profile fields still open', () => {
    const result = validateAnswerSet(prepared, { ...base, profile: { trade: 'bau' }, answers: { 'site-update': true } }, { complete: true });
    expect(result).toEqual({
      ok: false,
      issues: [
        { code: 'required', path: ['profile', 'employees'], message: 'is required' },
        { code: 'required', path: ['answers', 'site'], message: 'is required' },
        { code: 'required', path: ['answers', 'backup'], message: 'is required' },
      ],
    });
  });

  it('names the questionnaire and version it expects', () => {
    const result = validateAnswerSet(prepared, { questionnaireId: 'other', version: '2.0.0' });
    expect(result).toMatchObject({ ok: false, issues: [{ path: ['questionnaireId'] }, { path: ['version'] }] });
  });
});

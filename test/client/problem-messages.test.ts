/**
 * Every problem code the API can answer, and every field code, has words in
 * both languages, and none of them is the server's English: a refusal on a
 * German page reads German. Waits come from Retry-After.
 */
import { describe, expect, it } from 'vitest';
import { FIELD_CODES, PROBLEM_CODES, type ProblemCode } from '../../api/problem-codes.ts';
import { CLIENT_FAILURE_CODES } from '../../client/api/api-result.ts';
import problemsDe from '../../client/i18n/problems.de.json';
import problemsEn from '../../client/i18n/problems.en.json';
import { createTranslator } from '../../client/state/i18n.ts';
import { problemMessage, waitText } from '../../client/state/problem-messages.ts';

const codes = [...Object.keys(PROBLEM_CODES), ...FIELD_CODES, ...CLIENT_FAILURE_CODES];
const de = createTranslator('de');
const en = createTranslator('en');

describe('the problem messages', () => {
  it('cover every code in German and English, and nothing else', () => {
    const expected = [...new Set(codes.map((c) => `problem.${c}`)), 'problem.wait.second', 'problem.wait.seconds', 'problem.wait.minutes'].sort();
    expect(Object.keys(problemsDe).sort()).toEqual(expected);
    expect(Object.keys(problemsEn).sort()).toEqual(expected);
  });

  it.each(Object.keys(PROBLEM_CODES) as ProblemCode[])('%s reads in German, not in the server’s words', (code) => {
    const german = problemMessage(de, { code, retryAfter: 30 });
    expect(german).not.toBe(PROBLEM_CODES[code].title);
    expect(german).not.toMatch(/\{\w+\}/);
    expect(german).not.toBe(problemMessage(en, { code, retryAfter: 30 }));
  });

  it('says how long to wait, from Retry-After', () => {
    expect(problemMessage(de, { code: 'resume-code.too-many-wrong', retryAfter: 42 })).toBe('Zu viele falsche Codes in kurzer Zeit. Bitte versuchen Sie es in 42 Sekunden erneut.');
    expect(problemMessage(en, { code: 'auth.login-throttled', retryAfter: 900 })).toBe('Too many failed logins. Please try again in 15 minutes.');
    expect([waitText(de, 0.2), waitText(de, 119), waitText(de, 121)]).toEqual(['1 Sekunde', '119 Sekunden', '3 Minuten']);
  });
});

describe('a code this app does not know (a newer server)', () => {
  it('gets the words for its kind of status', () => {
    const unknown = 'visit.sent-to-the-moon' as ProblemCode;
    expect(problemMessage(de, { code: unknown, retryAfter: null, status: 409 })).toBe(problemMessage(de, { code: 'client.unexpected-response', retryAfter: null }));
    expect(problemMessage(de, { code: unknown, retryAfter: null, status: 503 })).toBe(problemMessage(de, { code: 'internal', retryAfter: null }));
  });
});

import { describe, expect, it } from 'vitest';
import { type QuestionnaireInput, checkCatalogue, checkQuestionnaire, checkTopics, formatPath } from '../../questionnaires/engine/index.ts';
import { miniCatalogue, miniQuestionnaire } from '../fixtures/mini-questionnaire.ts';

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test surgery on plain JSON
const broken = (change: (q: Mutable) => void): unknown => {
  const q = structuredClone(miniQuestionnaire()) as Mutable;
  change(q);
  return q;
};
const problems = (input: unknown) => {
  const result = checkQuestionnaire(input);
  return result.ok ? [] : result.issues.map((i) => `${i.code} @ ${formatPath(i.path)}: ${i.message}`);
};

describe('checkQuestionnaire', () => {
  it('accepts the mini questionnaire', () => {
    expect(problems(miniQuestionnaire())).toEqual([]);
  });

  it.each<[string, (q: Mutable) => void, string]>([
    ['a duplicate question id', (q) => { q.sections[2].questions[0].id = 'site'; }, 'duplicate-id @ sections[2].questions[0].id: duplicate question id "site"'],
    ['a duplicate option id', (q) => { q.sections[1].questions[0].options[1].id = 'none'; }, 'duplicate-id @ sections[1].questions[0].options[1].id: duplicate option id "none"'],
    ['a duplicate dimension id', (q) => { q.dimensions[1].id = 'web'; }, 'duplicate-id @ dimensions[1].id: duplicate dimension id "web"'],
    ['a condition on an unknown question', (q) => { q.sections[1].questions[1].visibleIf = { question: 'nope', equals: 'x' }; }, 'unknown-question @ sections[1].questions[1].visibleIf.question: unknown question "nope"'],
    ['a condition on a later question', (q) => { q.sections[1].questions[0].visibleIf = { question: 'backup', equals: 'yes' }; }, 'condition-forward-reference @ sections[1].questions[0].visibleIf.question: refers to question "backup", which comes later; a condition may only look at earlier questions'],
    ['a question depending on itself', (q) => { q.sections[1].questions[0].visibleIf = { not: { question: 'site', answered: true } }; }, 'condition-cycle @ sections[1].questions[0].visibleIf.not.question: question "site" depends on itself'],
    ['an unknown option in a condition', (q) => { q.sections[1].questions[1].visibleIf = { question: 'site', in: ['old', 'shiny'] }; }, 'unknown-option @ sections[1].questions[1].visibleIf.in[1]: question "site" has no option "shiny"'],
    ['includes on a single-choice question', (q) => { q.sections[1].questions[1].visibleIf = { question: 'site', includes: 'old' }; }, 'invalid-operator @ sections[1].questions[1].visibleIf.includes: "includes" needs a multiple-choice question; "site" is single'],
    ['an unknown trade in a condition', (q) => { q.sections[1].questions[3].visibleIf = { profile: 'trade', in: ['bau', 'metall'] }; }, 'unknown-profile-value @ sections[1].questions[3].visibleIf.in[1]: no trade "metall" in profile'],
    ['a score condition deciding visibility', (q) => { q.sections[1].questions[1].visibleIf = { dimension: 'web', scoreBelow: 10 }; }, 'dimension-condition-in-visibility @ sections[1].questions[1].visibleIf: visibility cannot depend on scores; use answers or the profile'],
    ['a dimension with no scored question', (q) => { q.sections[2].questions = [{ id: 'note', type: 'text', text: { de: 'Notiz' } }]; }, 'dimension-without-scored-question @ dimensions[1]: dimension "sec" has no scored question'],
    ['levels that do not start at 0', (q) => { q.levels[0].minScore = 10; }, 'levels-do-not-cover-range @ levels[0].minScore: the first level must start at 0 so that every score 0–100 has a level'],
    ['levels out of order', (q) => { q.levels[2].minScore = 30; }, "levels-not-ascending @ levels[2].minScore: must be greater than the previous level's 40"],
    ['a threshold above 100', (q) => { q.levels[2].minScore = 120; }, 'too_big @ levels[2].minScore: Too big: expected number to be <=100'],
    ['a missing level text', (q) => { delete q.dimensions[0].levelTexts.mid; }, 'missing-level-text @ dimensions[0].levelTexts.mid: dimension "web" needs a text for level "mid"'],
    ['a missing German text', (q) => { q.sections[1].questions[0].text = { en: 'Website?' }; }, 'invalid_type @ sections[1].questions[0].text.de: Invalid input: expected string, received undefined'],
    ['an empty German text', (q) => { q.dimensions[0].title.de = '  '; }, 'too_small @ dimensions[0].title.de: a German text is required'],
    ['a section for an unknown dimension', (q) => { q.sections[2].dimension = 'hr'; }, 'unknown-dimension @ sections[2].dimension: unknown dimension "hr"'],
    ['a recommendation on an unknown level', (q) => { q.recommendations[1].when = { dimension: 'web', atOrBelowLevel: 'mittel' }; }, 'unknown-level @ recommendations[1].when.atOrBelowLevel: unknown level "mittel"'],
    ['a recommendation for an unknown dimension', (q) => { q.recommendations[0].dimension = 'hr'; }, 'unknown-dimension @ recommendations[0].dimension: unknown dimension "hr"'],
    ['an id that is not kebab-case', (q) => { q.sections[1].questions[0].id = 'Web_Site'; }, 'invalid_format @ sections[1].questions[0].id: must be lowercase kebab-case (a-z, 0-9, "-")'],
    ['a version that is not semver', (q) => { q.version = '1.0'; }, 'invalid_format @ version: must be a semantic version such as 1.0.0'],
    ['an unknown field', (q) => { q.sections[1].questions[0].colour = 'red'; }, 'unrecognized_keys @ sections[1].questions[0]: Unrecognized key: "colour"'],
    ['no profile section', (q) => { q.sections.shift(); }, 'missing-profile-section @ sections: a profile section asking at least for the trade is required'],
    ['a scale whose max is not above its min', (q) => { q.sections[1].questions[3].max = 1; }, 'invalid-range @ sections[1].questions[3].max: max must be greater than min'],
  ])('names the JSON path of %s', (_name, change, expected) => {
    expect(problems(broken(change))).toContain(expected);
  });

  it('finds a cycle across several questions', () => {
    const input = broken((q) => {
      q.sections[1].questions[0].visibleIf = { question: 'site-update', equals: true };
    });
    expect(problems(input)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^condition-cycle @ sections\[1\]\.questions\[\d\]\.visibleIf: questions depend on each other in a cycle: (site → site-update → site|site-update → site → site-update)$/)]),
    );
  });

  it.each([null, 42, 'text', [], {}])('rejects %j without throwing', (input) => {
    expect(checkQuestionnaire(input).ok).toBe(false);
  });

  it('reports topics the catalogue does not know', () => {
    const q = checkQuestionnaire(broken((x) => { x.sections[1].questions[0].topics = ['website', 'metaverse']; }));
    expect(q.ok).toBe(true);
    if (!q.ok) return;
    expect(checkTopics(q.value, miniCatalogue()).map((i) => formatPath(i.path))).toEqual(['sections[1].questions[0].topics[1]']);
  });
});

describe('checkCatalogue', () => {
  it('accepts the mini catalogue', () => {
    expect(checkCatalogue(miniCatalogue()).ok).toBe(true);
  });

  it.each<[string, (c: Mutable) => void, string]>([
    ['an unknown topic', (c) => { c.workshops[0].topics = ['crypto']; }, 'workshops[0].topics[0]: unknown topic "crypto"'],
    ['an unknown region', (c) => { c.partners[0].regions = ['mars']; }, 'partners[0].regions[0]: unknown region "mars"'],
    ['a duplicate id', (c) => { c.workshops[1].id = 'w-web'; }, 'workshops[1].id: duplicate workshops id "w-web"'],
    ['a prefix in two regions', (c) => { c.regions[1].postcodePrefixes.push('4623'); }, 'regions[1].postcodePrefixes[1]: prefix "4623" already belongs to region "bottrop"'],
    ['an end before the start', (c) => { c.workshops[0].end = '2026-11-01T10:00'; }, 'workshops[0].end: ends before it starts'],
    ['a bad date', (c) => { c.workshops[0].start = '1.12.2026'; }, 'workshops[0].start: must be a local date and time such as 2026-12-03T17:00'],
    ['a link that is not http', (c) => { c.workshops[0].registrationUrl = 'javascript:alert(1)'; }, 'workshops[0].registrationUrl: must be an http(s) link'],
  ])('names the JSON path of %s', (_name, change, expected) => {
    const input = structuredClone(miniCatalogue()) as Mutable;
    change(input);
    const result = checkCatalogue(input);
    expect(result.ok ? [] : result.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)).toContain(expected);
  });
});

describe('messages for conditions of the wrong shape', () => {
  it.each<[string, unknown, string]>([
    ['a misspelt operator', { question: 'site', equal: 'old' }, 'invalid_union @ sections[1].questions[1].visibleIf: does not match any allowed form; check the key names and value types'],
    ['a bad id inside all', { all: [{ question: 'Site', equals: 'old' }] }, 'invalid_format @ sections[1].questions[1].visibleIf.all[0].question: must be lowercase kebab-case (a-z, 0-9, "-")'],
    ['an empty any', { any: [] }, 'too_small @ sections[1].questions[1].visibleIf.any: Too small: expected array to have >=1 items'],
  ])('%s', (_name, condition, expected) => {
    expect(problems(broken((q) => { q.sections[1].questions[1].visibleIf = condition; }))).toEqual([expected]);
  });
});

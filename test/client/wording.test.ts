/** Issue 18's small things a careful user notices, in the web app's pure parts. */
import { describe, expect, it } from 'vitest';
import de from '../../client/i18n/de.json';
import en from '../../client/i18n/en.json';
import scoutDe from '../../client/i18n/scout.de.json';
import scoutEn from '../../client/i18n/scout.en.json';
import staffDe from '../../client/i18n/staff.de.json';
import staffEn from '../../client/i18n/staff.en.json';
import { chooseLocale, createTranslator } from '../../client/state/i18n.ts';
import { formatResumeCode } from '../../client/state/resume-code.ts';

const files = { de: { ...de, ...scoutDe, ...staffDe }, en: { ...en, ...scoutEn, ...staffEn } } as const;

describe('plural forms', () => {
  it.each(['de', 'en'] as const)('%s: every counted message has each form Intl.PluralRules can choose', (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const bases = Object.keys(files[locale]).filter((k) => k.endsWith('#other')).map((k) => k.slice(0, -'#other'.length));
    expect(bases.length).toBeGreaterThanOrEqual(10);
    for (const base of bases) for (const category of categories) expect(Object.keys(files[locale]), `${base}#${category}`).toContain(`${base}#${category}`);
  });

  it.each(['de', 'en'] as const)('%s: no message counts with a bare {count} in a plural noun outside the plural forms', (locale) => {
    const bare = Object.entries(files[locale]).filter(([key, text]) => !key.includes('#') && /\{count\} \S*(Angaben|Empfehlungen|Änderungen|Betriebe|Checks|Einträge|answers|recommendations|changes|businesses|checks|entries)/.test(text));
    expect(bare).toEqual([]);
  });

  it.each([
    ['de', 'review.openTitle', 1, 'Noch 1 offene Pflichtangabe'],
    ['de', 'review.openTitle', 2, 'Noch 2 offene Pflichtangaben'],
    ['de', 'result.moreRecommendations', 1, '1 weitere Empfehlung'],
    ['de', 'result.moreRecommendations', 3, '3 weitere Empfehlungen'],
    ['de', 'scout.syncWaiting', 1, '1 Änderung wartet'],
    ['de', 'staff.trend.count', 1234, '1.234 Checks'],
    ['en', 'review.openTitle', 1, '1 required answer still open'],
    ['en', 'result.moreRecommendations', 0, '0 more recommendations'],
    ['en', 'staff.audit.shown', 1, '1 entry shown'],
  ] as const)('%s %s with %i: %s', (locale, key, count, expected) => {
    expect(createTranslator(locale).plural(key, count)).toBe(expected);
  });
});

describe('chooseLocale', () => {
  it.each([
    [['en-GB', 'en'], 'en'],
    [['en-US'], 'en'],
    [['EN'], 'en'],
    [['de-AT', 'en-GB'], 'de'],
    [['fr-FR', 'en-GB', 'de'], 'en'],
    [['fr-FR', 'it'], 'de'],
    [[], 'de'],
  ] as const)('%j → %s', (languages, expected) => {
    expect(chooseLocale(languages)).toBe(expected);
  });
});

describe('formatResumeCode', () => {
  it.each([
    ['nh35 saxq 2345 6789 abcd efgh jkmn', 'NH35-SAXQ-2345-6789-ABCD-EFGH-JKMN'],
    ['NH35SAXQ23456789ABCDEFGHJKMN', 'NH35-SAXQ-2345-6789-ABCD-EFGH-JKMN'],
    ['  nh35-saxq-2345-6789-abcd-efgh-jkmn ', 'NH35-SAXQ-2345-6789-ABCD-EFGH-JKMN'],
  ])('%s → %s', (typed, shown) => {
    expect(formatResumeCode(typed)).toBe(shown);
  });

  it.each(['', 'NH35', 'NH35-SAXQ-2345-6789-ABCD-EFGH-JKM0', 'NH35-SAXQ-2345-6789-ABCD-EFGH-JKMN-2'])('%j is no code', (typed) => {
    expect(formatResumeCode(typed)).toBeNull();
  });
});

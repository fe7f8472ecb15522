import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnswerValue,
  type Audience,
  type BusinessProfile,
  type CatalogueInput,
  assess,
  checkAudiences,
  checkCatalogue,
  recommend,
  refer,
  scoreAnswers,
} from '../../questionnaires/engine/index.ts';
import { answerSetArbitrary } from '../helpers/arbitraries.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { miniCatalogue, miniQuestionnaire, preparedMini } from '../fixtures/mini-questionnaire.ts';

const prepared = preparedMini();

/** The mini catalogue with the website workshop meant for `audience`, and the chamber adviser as general adviser. */
const catalogueFor = (audience: { readonly [K in keyof Audience]?: readonly string[] }) =>
  miniCatalogue((c: CatalogueInput) => {
    c.workshops.find((w) => w.id === 'w-web')!.audience = Object.fromEntries(Object.entries(audience).map(([key, ids]) => [key, [...ids]]));
    c.generalAdviser = 'p-hwk';
  });

const referralsFor = (set: { profile: BusinessProfile; answers: Record<string, AnswerValue> }, catalogue = miniCatalogue()) => {
  const scores = scoreAnswers(prepared, set);
  return refer(prepared, scores, recommend(prepared, scores, set.profile), set.profile, { catalogue, today: '2026-11-23' });
};

// No website and no backup: the web dimension is at "low" with the biggest gap.
const beginner = { profile: { trade: 'bau', employees: '2-4', postcode: '46236' }, answers: { site: 'none', backup: 'no', pcs: 5 } };
// A current website, every channel, but nobody keeps the site up to date: web at "high" (75) with a website gap; security complete.
const advanced = { profile: { trade: 'bau', employees: '2-4', postcode: '46236' }, answers: { site: 'current', 'site-update': false, channels: ['google', 'insta', 'shop'], backup: 'yes', pcs: 5 } };

const workshopIds = (referrals: ReturnType<typeof referralsFor>) => referrals.workshops.map((w) => w.workshop.id);

describe('refer: offers know their audience', () => {
  it.each([
    ['the trade group', { trades: ['food'] }, { trade: 'bau' }, { trade: 'food' }],
    ['the employee band', { employees: ['2-4'] }, { employees: '1' }, { employees: '2-4' }],
    ['the trade, when the business has not said', { trades: ['bau'] }, { trade: undefined }, { trade: 'bau' }],
  ] as const)('an offer for %s reaches only businesses it names', (_what, audience, excluded, included) => {
    const catalogue = catalogueFor(audience);
    expect(workshopIds(referralsFor({ ...beginner, profile: { ...beginner.profile, ...excluded } }, catalogue))).not.toContain('w-web');
    expect(workshopIds(referralsFor({ ...beginner, profile: { ...beginner.profile, ...included } }, catalogue))).toContain('w-web');
  });

  it("compares levels with the level of the area whose gap the offer answers", () => {
    const forBeginners = catalogueFor({ levels: ['low'] });
    expect(workshopIds(referralsFor(beginner, forBeginners))).toContain('w-web');
    expect(workshopIds(referralsFor(advanced, forBeginners))).not.toContain('w-web');
    const forAdvanced = catalogueFor({ levels: ['high'] });
    expect(workshopIds(referralsFor(advanced, forAdvanced))).toContain('w-web');
    expect(workshopIds(referralsFor(beginner, forAdvanced))).not.toContain('w-web');
  });

  it('says so honestly, with the chamber adviser, when the catalogue only has offers below the business', () => {
    const referrals = referralsFor(advanced, catalogueFor({ levels: ['low', 'mid'] }));
    expect(referrals.focus).toEqual(['web']);
    expect(referrals.workshops).toEqual([]);
    expect(referrals.beyondCatalogue).toBe(true);
    expect(referrals.adviser).toMatchObject({ id: 'p-hwk', kind: 'chamber-adviser' });
  });

  it('does not say "nothing more advanced" to a beginner for whom offers are only too advanced', () => {
    const referrals = referralsFor(beginner, catalogueFor({ levels: ['high'] }));
    expect(workshopIds(referrals)).not.toContain('w-web');
    expect(referrals.beyondCatalogue).toBe(false);
  });

  it('names no adviser outside the chamber’s area', () => {
    const referrals = referralsFor({ ...advanced, profile: { ...advanced.profile, postcode: '10115' } }, catalogueFor({ levels: ['low'] }));
    expect(referrals.adviser).toBeNull();
  });

  it.each([
    ['46236', 'inside', []],
    ['10115', 'outside', ['Bottrop', 'Gelsenkirchen']],
    [undefined, 'unknown', []],
  ] as const)('postcode %s lies %s the area the catalogue serves', (postcode, area, served) => {
    const referrals = referralsFor({ ...beginner, profile: { ...beginner.profile, postcode } });
    expect(referrals.area).toBe(area);
    expect(referrals.servedRegions.map((name) => name.de)).toEqual(served);
  });

  it('marks partners that serve every region as nationwide', () => {
    const referrals = referralsFor(beginner);
    expect(referrals.partners.map((p) => [p.partner.id, p.nationwide])).toEqual([
      ['p-hwk', false],
      ['p-fund', true],
    ]);
  });
});

describe('checking audiences', () => {
  it('refuses a general adviser that is unknown or not a chamber adviser', () => {
    const input = (generalAdviser: string) => ({ ...miniCatalogue(), generalAdviser });
    const unknown = checkCatalogue(input('nobody'));
    const funding = checkCatalogue(input('p-fund'));
    expect(unknown.ok || unknown.issues.map((i) => i.code)).toEqual(['unknown-partner']);
    expect(funding.ok || funding.issues.map((i) => i.code)).toEqual(['not-an-adviser']);
  });

  it('names every trade, band or level the questionnaire does not know, by its path', () => {
    const catalogue = miniCatalogue((c: CatalogueInput) => {
      c.workshops[0]!.audience = { trades: ['bakery'], levels: ['low', 'expert'] };
      c.partners[1]!.audience = { employees: ['5-9'] };
    });
    expect(checkAudiences(miniQuestionnaire() as never, catalogue).map((i) => [i.path.join('.'), i.message])).toEqual([
      ['workshops.0.audience.trades.0', 'the questionnaire has no trade "bakery"'],
      ['workshops.0.audience.levels.1', 'the questionnaire has no level "expert"'],
      ['partners.1.audience.employees.0', 'the questionnaire has no employee band "5-9"'],
    ]);
  });
});

describe('properties of the shipped catalogue with the latest handwerk-digital', () => {
  const { prepared: latest, catalogue } = latestHandwerkDigital();
  const levelPosition = (id: string) => latest.levelIndex.get(id)!;

  it('every offer made suits the business: its trade, its size and the level of the area it answers', () => {
    fc.assert(
      fc.property(answerSetArbitrary(latest), (set) => {
        const result = assess(latest, set, { catalogue, today: '2026-11-23' });
        const level = (dimension: string) => levelPosition(result.dimensions.find((d) => d.id === dimension)!.level);
        for (const { workshop: offer, dimension } of result.referrals.workshops) {
          const { trades, employees, levels } = offer.audience;
          if (trades.length) expect(trades).toContain(set.profile.trade);
          if (employees.length) expect(employees).toContain(set.profile.employees);
          if (levels.length) expect(levels.map(levelPosition)).toContain(level(dimension));
        }
        for (const { partner: offer, dimension } of result.referrals.partners) {
          const { trades, employees, levels } = offer.audience;
          if (trades.length) expect(trades).toContain(set.profile.trade);
          if (employees.length) expect(employees).toContain(set.profile.employees);
          if (levels.length) expect(levels.map(levelPosition)).toContain(level(dimension));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('strengths are above the stated level and never fields of action; fields of action are the referrals’ focus', () => {
    fc.assert(
      fc.property(answerSetArbitrary(latest), (set) => {
        const result = assess(latest, set, { catalogue, today: '2026-11-23' });
        const { strengths, actionFields, strengthFromLevel } = result.highlights!;
        for (const id of strengths) {
          const d = result.dimensions.find((x) => x.id === id)!;
          expect(d.score).toBeGreaterThan(0);
          expect(levelPosition(d.level)).toBeGreaterThanOrEqual(levelPosition(strengthFromLevel));
          expect(actionFields).not.toContain(id);
        }
        expect(result.referrals.focus).toEqual(actionFields);
      }),
      { numRuns: 150 },
    );
  });
});

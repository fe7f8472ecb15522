/**
 * The three businesses of issue 15 through the engine, on the latest
 * handwerk-digital and the shipped sample catalogue.
 */
import { describe, expect, it } from 'vitest';
import { type Catalogue, type ScoredResult, assess, resolveVisibility } from '../../questionnaires/engine/index.ts';
import { SAMPLE_DATE } from '../helpers/sample-results.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { bakery, metalworker, painter } from '../fixtures/three-businesses.ts';

const { prepared, catalogue } = latestHandwerkDigital();
const score = (set: ReturnType<typeof bakery>, withCatalogue: Catalogue = catalogue): ScoredResult => assess(prepared, set, { catalogue: withCatalogue, today: SAMPLE_DATE });
const offers = (result: ScoredResult) => [...result.referrals.workshops.map((w) => w.workshop), ...result.referrals.partners.map((p) => p.partner)];
const levelIndex = (id: string) => prepared.levelIndex.get(id)!;

// What the issue saw a bakery sent to: CAD/CAM, vehicle diagnosis, construction-site, tendering and wholesale-interface offers.
const NOT_FOR_A_BAKERY = /CAD|CNC|Kfz|Diagnose|Baustelle|BIM|Aufmaß|GAEB|e-Vergabe|Datanorm|IDS Connect/;
const NOT_FOR_A_BAKERY_TOPICS = ['cad-cam', 'digital-diagnostics', 'site-documentation', 'bim', 'digital-measuring', 'e-tendering', 'smart-home'];

describe('a mid-sized bakery (Lebensmittelgewerbe, 10–19 people)', () => {
  const result = score(bakery(prepared));

  it('has the gaps that used to attract workshop-technology and purchasing offers', () => {
    expect(result.highlights!.actionFields).toEqual(expect.arrayContaining(['einkauf', 'technik']));
    expect(result.referrals.workshops.length).toBeGreaterThan(0);
  });

  it('is never referred to CAD/CAM, vehicle, construction-site, tendering or Datanorm offers', () => {
    for (const offer of offers(result)) {
      expect(offer.audience.trades.length === 0 || offer.audience.trades.includes('lebensmittel'), offer.id).toBe(true);
      const title = 'title' in offer ? offer.title.de : offer.name.de;
      expect(title, offer.id).not.toMatch(NOT_FOR_A_BAKERY);
    }
    for (const { workshop } of result.referrals.workshops) {
      expect(workshop.topics.filter((t) => NOT_FOR_A_BAKERY_TOPICS.includes(t)), workshop.id).toEqual([]);
    }
  });

  it('is not told to read GAEB tender files or to measure on site with a laser', () => {
    const ids = result.recommendations.map((r) => r.id);
    expect(ids).not.toContain('reko-e-vergabe');
    expect(ids).not.toContain('reko-digitales-aufmass');
    expect(ids).toContain('reko-elektronisch-bestellen');
  });

  it('gets a purchasing workshop for every trade instead', () => {
    expect(result.referrals.workshops.map((w) => [w.workshop.id, w.dimension])).toContainEqual(['digital-einkaufen-lieferanten', 'einkauf']);
  });

  it('is not sent to those offers even when it rates them very relevant, from anywhere in the region', () => {
    for (const postcode of ['46236', '45879', '45657', '45768']) {
      const set = bakery(prepared);
      const rated = { ...set, profile: { ...set.profile, postcode }, relevance: Object.fromEntries(Object.keys(set.relevance).map((id) => [id, 5])) };
      for (const offer of offers(score(rated))) expect(offer.audience.trades.length === 0 || offer.audience.trades.includes('lebensmittel'), offer.id).toBe(true);
    }
  });
});

describe('a one-person painter who answers "nothing digital"', () => {
  const set = painter(prepared);
  const result = score(set);

  it('scores 0 and has no strength — never "Strategie & Geschäftsmodell, 0 Punkte"', () => {
    expect(result.overall).toEqual({ score: 0, level: 'einsteiger' });
    expect(result.highlights).toEqual({ strengthFromLevel: 'anwender', strengths: [], actionFields: ['strategie', 'kunden', 'auftrag'] });
    expect(result.referrals.focus).toEqual(result.highlights!.actionFields);
  });

  it('is not asked about apprentices, recruiting or staff', () => {
    const visible = resolveVisibility(prepared, set.answers, set.profile).visible.map((e) => e.question.id);
    for (const id of ['mitarbeitende-ausbildung', 'mitarbeitende-recruiting', 'mitarbeitende-beteiligung', 'mitarbeitende-ausstattung']) expect(visible).not.toContain(id);
  });

  it('gets beginners’ offers for its trade, none meant for teams or other trades', () => {
    expect(result.referrals.workshops.length).toBeGreaterThan(0);
    for (const offer of offers(result)) {
      const { trades, employees, levels } = offer.audience;
      expect(trades.length === 0 || trades.includes('bau-ausbau'), offer.id).toBe(true);
      expect(employees.length === 0 || employees.includes('1'), offer.id).toBe(true);
      expect(levels.length === 0 || levels.includes('einsteiger'), offer.id).toBe(true);
    }
    const ids = result.referrals.workshops.map((w) => w.workshop.id);
    expect(ids).toContain('digitalisierungswerkstatt-fahrplan');
    for (const teamOnly of ['azubis-digital-fit', 'fachkraefte-digital-finden', 'phishing-awareness-team', 'cad-cam-cnc-werkstatt', 'kfz-digitale-diagnose']) expect(ids).not.toContain(teamOnly);
  });

  it('is not scored on how he sees digitalisation: the attitude question informs only', () => {
    const hopeful = score({ ...set, answers: { ...set.answers, 'strategie-einstellung': 5 } });
    expect(hopeful.dimensions).toEqual(result.dimensions);
    expect(hopeful.contributions.map((c) => c.questionId)).not.toContain('strategie-einstellung');
  });
});

describe('a 40-person metalworker at about 93 (Vorreiter)', () => {
  const result = score(metalworker(prepared));

  it('lands at about 93, level "Vorreiter", with IT security among the fields of action and not a strength', () => {
    expect(result.overall.score).toBeGreaterThanOrEqual(92);
    expect(result.overall.score).toBeLessThanOrEqual(95);
    expect(result.overall.level).toBe('vorreiter');
    expect(result.highlights!.actionFields).toContain('sicherheit');
    expect(result.highlights!.strengths).not.toContain('sicherheit');
  });

  it('gets offers for its level only: no digital roadmap, GDPR or phishing basics', () => {
    const ids = result.referrals.workshops.map((w) => w.workshop.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const basic of ['digitalisierungswerkstatt-fahrplan', 'dsgvo-basics-handwerk', 'phishing-awareness-team', 'it-sicherheit-kompakt-2026-10', 'datensicherung-ernstfall']) expect(ids).not.toContain(basic);
    for (const { workshop, dimension } of result.referrals.workshops) {
      const level = levelIndex(result.dimensions.find((d) => d.id === dimension)!.level);
      expect(workshop.audience.levels.length === 0 || workshop.audience.levels.map(levelIndex).includes(level), workshop.id).toBe(true);
    }
    expect(ids).toContain('it-sicherheit-fortgeschrittene-notfalluebung');
    expect(result.referrals.beyondCatalogue).toBe(false);
  });

  it('is told honestly that nothing more advanced is on offer, and given the chamber adviser, when the catalogue has only basics', () => {
    const basicsOnly: Catalogue = {
      ...catalogue,
      workshops: catalogue.workshops.filter((w) => w.audience.levels.length > 0 && !w.audience.levels.includes('vorreiter')),
    };
    const honest = score(metalworker(prepared), basicsOnly);
    expect(honest.referrals.workshops).toEqual([]);
    expect(honest.referrals.beyondCatalogue).toBe(true);
    expect(honest.referrals.adviser).toMatchObject({ id: 'hwk-bit-beratung', kind: 'chamber-adviser' });
  });
});

describe('a postcode outside the chamber’s area', () => {
  const set = bakery(prepared);
  const result = score({ ...set, profile: { ...set.profile, postcode: '10115' } });

  it('is told so, with the regions the catalogue serves, and gets only online workshops and nationwide partners', () => {
    expect(result.referrals).toMatchObject({ region: null, area: 'outside', adviser: null });
    expect(result.referrals.servedRegions.map((r) => r.de)).toEqual(['Bottrop', 'Gelsenkirchen', 'Kreis Recklinghausen']);
    for (const { workshop } of result.referrals.workshops) expect(workshop.online, workshop.id).toBe(true);
    for (const partner of result.referrals.partners) expect(partner.nationwide, partner.partner.id).toBe(true);
  });
});

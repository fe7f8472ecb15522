import { describe, expect, it } from 'vitest';
import { type AnswerValue, type BusinessProfile, assess, recommend, refer, regionForPostcode, scoreAnswers } from '../../questionnaires/engine/index.ts';
import { miniCatalogue, preparedMini } from '../fixtures/mini-questionnaire.ts';

const prepared = preparedMini();
const catalogue = miniCatalogue();
const weakWebNoBackup = { profile: { trade: 'bau', postcode: '46236' }, answers: { site: 'none', backup: 'no', pcs: 5 } };

describe('recommend', () => {
  it('fires the rules whose conditions hold, on answers and on dimension levels', () => {
    const scores = scoreAnswers(prepared, weakWebNoBackup);
    expect(recommend(prepared, scores, weakWebNoBackup.profile).map((r) => r.id).sort()).toEqual(['rec-backup', 'rec-web-low']);
  });

  it('orders them by potential: a topic the business calls irrelevant comes last', () => {
    const set = { ...weakWebNoBackup, relevance: { backup: 1, site: 5 } };
    const fired = recommend(prepared, scoreAnswers(prepared, set), set.profile);
    expect(fired.map((r) => [r.id, r.priority])).toEqual([
      ['rec-web-low', 100],
      ['rec-backup', 0],
    ]);
  });

  it('breaks a tie in potential by the weaker dimension, then by the order of the rules', () => {
    // both gaps are 100; web scores 0, security 50
    const weakerWeb = recommend(prepared, scoreAnswers(prepared, weakWebNoBackup), weakWebNoBackup.profile);
    expect(weakerWeb.map((r) => r.id)).toEqual(['rec-web-low', 'rec-backup']);
    const tied = { profile: {}, answers: { site: 'none', backup: 'no', pcs: 0 } };
    expect(recommend(prepared, scoreAnswers(prepared, tied), tied.profile).map((r) => r.id)).toEqual(['rec-backup', 'rec-web-low']);
  });

  it('does not fire on a dimension nobody answered', () => {
    const set = { profile: {}, answers: { backup: 'yes' } };
    expect(recommend(prepared, scoreAnswers(prepared, set), set.profile)).toEqual([]);
  });
});

describe('regionForPostcode', () => {
  it.each([
    ['46236', 'bottrop'],
    ['46244', 'bottrop'],
    ['45879', 'gelsen'],
    ['10115', null],
    [undefined, null],
  ])('%s → %s', (postcode, region) => {
    expect(regionForPostcode(catalogue, postcode)?.id ?? null).toBe(region);
  });
});

describe('refer', () => {
  const referralsFor = (set: { profile: BusinessProfile; answers: Record<string, AnswerValue>; relevance?: Record<string, number> }, today = '2026-11-23') => {
    const scores = scoreAnswers(prepared, set);
    return refer(prepared, scores, recommend(prepared, scores, set.profile), set.profile, { catalogue, today });
  };

  it('sends the business to upcoming workshops in its region or online, for its weakest dimensions', () => {
    const referrals = referralsFor(weakWebNoBackup);
    expect(referrals.region).toMatchObject({ id: 'bottrop' });
    expect(referrals.focus).toEqual(['web', 'sec']);
    expect(referrals.workshops.map((w) => w.workshop.id)).toEqual(['w-web', 'w-backup']);
    expect(referrals.workshops[0]).toMatchObject({ dimension: 'web', matchedTopics: ['website'] });
  });

  it('never names a past workshop, nor one for another region', () => {
    const ids = referralsFor(weakWebNoBackup).workshops.map((w) => w.workshop.id);
    expect(ids).not.toContain('w-web-past');
    expect(ids).not.toContain('w-web-gelsen');
    expect(referralsFor(weakWebNoBackup, '2026-12-02').workshops.map((w) => w.workshop.id)).toEqual(['w-backup']);
  });

  it('draws topics only from questions the business saw: no BIM workshop for the food trade', () => {
    const bau = referralsFor({ profile: { trade: 'bau', postcode: '46236' }, answers: { site: 'none', bim: 1, backup: 'yes', pcs: 5 } });
    const food = referralsFor({ profile: { trade: 'food', postcode: '46236' }, answers: { site: 'none', bim: 1, backup: 'yes', pcs: 5 } });
    expect(bau.workshops.map((w) => w.workshop.id)).toContain('w-bim');
    expect(food.workshops.map((w) => w.workshop.id)).not.toContain('w-bim');
  });

  it('ranks by relevance: a gap the business rates as irrelevant sends it nowhere first', () => {
    const referrals = referralsFor({ ...weakWebNoBackup, relevance: { site: 1, backup: 5 } });
    expect(referrals.workshops[0]!.workshop.id).toBe('w-backup');
  });

  it('names regional and nationwide partners, chamber advisers first on a tie', () => {
    const referrals = referralsFor(weakWebNoBackup);
    expect(referrals.partners.map((p) => p.partner.id)).toEqual(['p-hwk', 'p-fund']);
  });

  it('offers only online workshops and nationwide partners when the postcode is outside every region', () => {
    const referrals = referralsFor({ ...weakWebNoBackup, profile: { trade: 'bau', postcode: '10115' } });
    expect(referrals.region).toBeNull();
    expect(referrals.workshops.map((w) => w.workshop.id)).toEqual(['w-backup']);
    expect(referrals.partners.map((p) => p.partner.id)).toEqual(['p-fund']);
  });

  it('limits how many referrals it gives', () => {
    const scores = scoreAnswers(prepared, weakWebNoBackup);
    const limited = refer(prepared, scores, [], weakWebNoBackup.profile, { catalogue, today: '2026-11-23', maxWorkshops: 1, maxPartners: 1 });
    expect([limited.workshops.length, limited.partners.length]).toEqual([1, 1]);
  });
});

describe('assess', () => {
  const set = { questionnaireId: 'mini', version: '1.0.0', relevance: {}, ...weakWebNoBackup };

  it('names the questionnaire, version and hash it was scored with', () => {
    const result = assess(prepared, set, { catalogue, today: '2026-11-23' });
    expect(result.questionnaire).toEqual({ id: 'mini', version: '1.0.0', hash: 'sha256:test' });
    expect(result.profile).toEqual({ trade: 'bau', employees: null, region: 'bottrop' });
    expect(result.benchmark).toBeNull();
    expect(result.previous).toBeNull();
  });

  it('carries a peer benchmark, dropping dimensions the questionnaire does not have', () => {
    const benchmark = { trade: 'bau', groupSize: 12, overall: 55, dimensions: { web: 60, sec: 50, gone: 10 } };
    const result = assess(prepared, set, { catalogue, today: '2026-11-23', benchmark });
    expect(result.benchmark).toEqual({ trade: 'bau', groupSize: 12, overall: 55, dimensions: { web: 60, sec: 50 } });
  });

  it('compares with an earlier check over the dimensions both share', () => {
    const before = assess(prepared, set, { catalogue, today: '2026-11-23' });
    const after = assess(prepared, { ...set, answers: { site: 'current', backup: 'yes', pcs: 5 } }, { catalogue, today: '2027-05-01', previous: before });
    expect(after.previous).toEqual({
      questionnaire: { id: 'mini', version: '1.0.0' },
      sameVersion: true,
      overall: { before: 25, after: 100, delta: 75 },
      dimensions: [
        { id: 'web', before: 0, after: 100, delta: 100 },
        { id: 'sec', before: 50, after: 100, delta: 50 },
      ],
      notCompared: [],
    });
  });

  it('says when the earlier check used another version and compares only shared dimensions', () => {
    const before = assess(prepared, set, { catalogue, today: '2026-11-23' });
    const older = { ...before, questionnaire: { ...before.questionnaire, version: '0.9.0' }, dimensions: before.dimensions.filter((d) => d.id === 'sec') };
    const after = assess(prepared, set, { catalogue, today: '2026-11-23', previous: older });
    expect(after.previous).toMatchObject({ sameVersion: false, notCompared: ['web'], dimensions: [{ id: 'sec' }] });
  });
});

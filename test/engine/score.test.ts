import { describe, expect, it } from 'vitest';
import { scoreAnswers } from '../../questionnaires/engine/index.ts';
import { preparedMini } from '../fixtures/mini-questionnaire.ts';

const prepared = preparedMini();
const full = {
  profile: { trade: 'bau', employees: '2-4' },
  answers: { site: 'current', 'site-update': true, channels: ['google', 'insta'], bim: 3, wish: 'Terminbuchung', backup: 'yes', pcs: 2 },
};

describe('scoreAnswers', () => {
  it('scores each dimension as the weighted mean of its normalised answers', () => {
    const scores = scoreAnswers(prepared, full);
    // web: (1·1 + 1·1 + 2·(2/3) + 1·0.5) / 5 = 76.7 ; sec: (1 + 0.5) / 2 = 75
    expect(scores.dimensions.map((d) => [d.id, d.score, d.level])).toEqual([
      ['web', 76.7, 'high'],
      ['sec', 75, 'high'],
    ]);
    // overall: dimension weights 1 and 2 → (76.7 + 2·75) / 3
    expect(scores.overall).toEqual({ score: 75.6, level: 'high' });
  });

  it('explains each score through the contributions of its questions', () => {
    const { contributions } = scoreAnswers(prepared, full);
    const web = contributions.filter((c) => c.dimension === 'web');
    expect(web.map((c) => [c.questionId, c.points, c.maxPoints])).toEqual([
      ['site', 20, 20],
      ['site-update', 20, 20],
      ['channels', 26.7, 40],
      ['bim', 10, 20],
    ]);
    expect(web.reduce((sum, c) => sum + c.points, 0)).toBeCloseTo(76.7, 1);
    expect(contributions.some((c) => c.questionId === 'wish')).toBe(false);
  });

  it('caps a multiple-choice question at its maxScore and treats "none of these" as zero', () => {
    const all = scoreAnswers(prepared, { profile: {}, answers: { channels: ['google', 'insta', 'shop'] } });
    const none = scoreAnswers(prepared, { profile: {}, answers: { channels: ['nothing'] } });
    expect(all.dimensions[0]!.score).toBe(100);
    expect(none.dimensions[0]!.score).toBe(0);
  });

  it('leaves "not applicable" out of the score but counts it as answered', () => {
    const na = scoreAnswers(prepared, { profile: { trade: 'bau' }, answers: { site: 'current', bim: 'n/a' } });
    const open = scoreAnswers(prepared, { profile: { trade: 'bau' }, answers: { site: 'current' } });
    expect(na.dimensions[0]!.score).toBe(100);
    expect(na.dimensions[0]!.score).toBe(open.dimensions[0]!.score);
    expect(na.dimensions[0]!.answered).toBe(open.dimensions[0]!.answered + 1);
    expect(na.contributions.find((c) => c.questionId === 'bim')).toMatchObject({ status: 'not-applicable', points: 0, maxPoints: 0 });
  });

  it('reports how complete each dimension is', () => {
    const scores = scoreAnswers(prepared, { profile: { trade: 'food' }, answers: { site: 'none', backup: 'no' } });
    // web visible: site, channels, wish → 1 of 3 ; sec: backup, pcs → 1 of 2
    expect(scores.dimensions.map((d) => [d.completeness, d.answered, d.visible])).toEqual([
      [0.333, 1, 3],
      [0.5, 1, 2],
    ]);
  });

  it('gives a dimension without any scorable answer no basis and keeps it out of the overall index', () => {
    const scores = scoreAnswers(prepared, { profile: {}, answers: { backup: 'yes' } });
    expect(scores.dimensions[0]).toMatchObject({ id: 'web', score: 0, hasBasis: false, level: 'low' });
    expect(scores.overall).toEqual({ score: 100, level: 'high' });
  });

  it('scores nothing at all as 0 in the lowest level', () => {
    expect(scoreAnswers(prepared, { profile: {}, answers: {} }).overall).toEqual({ score: 0, level: 'low' });
  });

  it('puts a score exactly on a threshold into the higher level', () => {
    const scores = scoreAnswers(prepared, { profile: {}, answers: { channels: ['google', 'insta'], site: 'none', pcs: 0, backup: 'yes' } });
    // web: (0 + 2·2/3)/3 = 44.4 → mid ; sec: (1 + 0)/2 = 50 → mid
    expect(scores.dimensions.map((d) => d.level)).toEqual(['mid', 'mid']);
    const exact = scoreAnswers(preparedMini((q) => { q.levels[1]!.minScore = 50; }), { profile: {}, answers: { backup: 'yes', pcs: 0 } });
    expect(exact.dimensions[1]).toMatchObject({ score: 50, level: 'mid' });
  });

  it('scores number questions by their bands and scales linearly', () => {
    const at = (pcs: number) => scoreAnswers(prepared, { profile: {}, answers: { pcs } }).dimensions[1]!.score;
    expect([at(0), at(1), at(2), at(3), at(40)]).toEqual([0, 50, 50, 100, 100]);
  });

  describe('potential (relevance minus implementation)', () => {
    it('is computed only where relevance was given', () => {
      const scores = scoreAnswers(prepared, {
        profile: { trade: 'bau' },
        answers: { site: 'old', bim: 2, backup: 'no' },
        relevance: { site: 5, bim: 2 },
      });
      const byId = new Map(scores.contributions.map((c) => [c.questionId, c]));
      // site: relevance 100, implementation 25 → 75 ; bim: relevance 25, implementation 25 → 0
      expect(byId.get('site')).toMatchObject({ relevance: 5, potential: 75, gap: 75 });
      expect(byId.get('bim')).toMatchObject({ relevance: 2, potential: 0, gap: 0 });
      expect(byId.get('backup')).toMatchObject({ relevance: null, potential: null, gap: 100 });
      expect(scores.dimensions[0]!.potential).toBe(37.5);
      expect(scores.dimensions[1]!.potential).toBeNull();
    });

    it('ranks a relevant gap above an irrelevant one in the dimension priority', () => {
      const relevant = scoreAnswers(prepared, { profile: {}, answers: { site: 'none' }, relevance: { site: 5 } });
      const irrelevant = scoreAnswers(prepared, { profile: {}, answers: { site: 'none' }, relevance: { site: 1 } });
      expect(relevant.dimensions[0]!.score).toBe(irrelevant.dimensions[0]!.score);
      expect(relevant.dimensions[0]!.priority).toBe(100);
      expect(irrelevant.dimensions[0]!.priority).toBe(0);
    });

    it('ignores a relevance rating for a question that does not ask for it', () => {
      const scores = scoreAnswers(prepared, { profile: {}, answers: { backup: 'no', pcs: 1 }, relevance: { pcs: 5 } });
      expect(scores.contributions.find((c) => c.questionId === 'pcs')!.relevance).toBeNull();
    });
  });
});

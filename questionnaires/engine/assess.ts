/**
 * The whole evaluation of one answer set: scores, recommendations, referrals,
 * the optional peer benchmark and the comparison with an earlier check.
 * Everything from outside (catalogue, date, benchmark) comes in as arguments.
 */
import type { Catalogue } from './catalogue.ts';
import { highlightsOf, type Highlights } from './highlights.ts';
import type { PreparedQuestionnaire } from './prepared.ts';
import { recommend, refer, type FiredRecommendation, type Referrals } from './recommend.ts';
import type { AnswerSet, PeerBenchmark } from './schema.ts';
import { scoreAnswers, type DimensionScore, type QuestionContribution } from './score.ts';

export interface DimensionChange {
  id: string;
  before: number;
  after: number;
  delta: number;
}

/** T0 → T1: how the business moved since its earlier check. */
export interface PreviousComparison {
  questionnaire: { id: string; version: string };
  sameVersion: boolean;
  /** Compared only over the dimensions both checks share. */
  overall: { before: number; after: number; delta: number };
  dimensions: DimensionChange[];
  /** Dimensions of the new check that the earlier one did not have. */
  notCompared: string[];
}

export interface ScoredResult {
  questionnaire: { id: string; version: string; hash: string };
  /** The non-personal part of the profile the result was scored with. */
  profile: { trade: string | null; employees: string | null; region: string | null };
  overall: { score: number; level: string };
  dimensions: DimensionScore[];
  /**
   * Strengths and fields of action, decided once for every view. Results
   * stored before they were part of a result lack it: read it with `resultHighlights`.
   */
  highlights?: Highlights;
  contributions: QuestionContribution[];
  recommendations: FiredRecommendation[];
  referrals: Referrals;
  benchmark: PeerBenchmark | null;
  previous: PreviousComparison | null;
}

export interface AssessOptions {
  catalogue: Catalogue;
  /** `YYYY-MM-DD`: referrals only name workshops from this day on. */
  today: string;
  benchmark?: PeerBenchmark | null;
  previous?: ScoredResult | null;
  maxWorkshops?: number;
  maxPartners?: number;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

export function comparePrevious(
  previous: ScoredResult,
  current: { id: string; version: string },
  dimensions: readonly DimensionScore[],
): PreviousComparison {
  const before = new Map(previous.dimensions.filter((d) => d.hasBasis).map((d) => [d.id, d.score]));
  const shared = dimensions.filter((d) => d.hasBasis && before.has(d.id));
  const changes = shared.map((d) => ({ id: d.id, before: before.get(d.id)!, after: d.score, delta: round1(d.score - before.get(d.id)!) }));
  const mean = (values: number[]) => (values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : 0);
  const overallBefore = mean(changes.map((c) => c.before));
  const overallAfter = mean(changes.map((c) => c.after));
  return {
    questionnaire: { id: previous.questionnaire.id, version: previous.questionnaire.version },
    sameVersion: previous.questionnaire.id === current.id && previous.questionnaire.version === current.version,
    overall: { before: overallBefore, after: overallAfter, delta: round1(overallAfter - overallBefore) },
    dimensions: changes,
    notCompared: dimensions.filter((d) => !before.has(d.id)).map((d) => d.id),
  };
}

/** Scores an answer set that already passed `validateAnswerSet`. */
export function assess(prepared: PreparedQuestionnaire, set: AnswerSet, options: AssessOptions): ScoredResult {
  const scores = scoreAnswers(prepared, set);
  const recommendations = recommend(prepared, scores, set.profile);
  const referrals = refer(prepared, scores, recommendations, set.profile, {
    catalogue: options.catalogue,
    today: options.today,
    maxWorkshops: options.maxWorkshops,
    maxPartners: options.maxPartners,
  });
  const { definition } = prepared;
  const previous = options.previous ? comparePrevious(options.previous, definition, scores.dimensions) : null;
  const benchmark = options.benchmark
    ? {
        ...options.benchmark,
        dimensions: Object.fromEntries(
          Object.entries(options.benchmark.dimensions).filter(([id]) => prepared.dimensionById.has(id)),
        ),
      }
    : null;
  return {
    questionnaire: { id: definition.id, version: definition.version, hash: prepared.hash },
    profile: { trade: set.profile.trade ?? null, employees: set.profile.employees ?? null, region: referrals.region?.id ?? null },
    overall: scores.overall,
    dimensions: scores.dimensions,
    highlights: highlightsOf(definition, scores.dimensions),
    contributions: scores.contributions,
    recommendations,
    referrals,
    benchmark,
    previous,
  };
}

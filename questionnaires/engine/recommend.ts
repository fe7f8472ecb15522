/**
 * Recommendations (the questionnaire's rules that fire) and referrals
 * (upcoming workshops and partners from the catalogue), both ranked by
 * digitalisation potential so a business is sent where its real gaps are.
 */
import type { Catalogue, Partner, PartnerKind, Region, Workshop } from './catalogue.ts';
import { evaluateCondition, referencedQuestions } from './conditions.ts';
import type { PreparedQuestionnaire } from './prepared.ts';
import type { BusinessProfile, LocalizedText } from './schema.ts';
import type { DimensionScore, Scores } from './score.ts';

export interface FiredRecommendation {
  id: string;
  dimension: string;
  title: LocalizedText;
  text: LocalizedText;
  topics: string[];
  /** The gap behind it (0–100): the largest gap among the questions it reads, else its dimension's priority. */
  priority: number;
}

/** Rules that fire, highest potential first, then weakest dimension first. */
export function recommend(prepared: PreparedQuestionnaire, scores: Scores, profile: BusinessProfile): FiredRecommendation[] {
  const dimensionById = new Map(scores.dimensions.map((d) => [d.id, d]));
  const gapByQuestion = new Map(scores.contributions.map((c) => [c.questionId, c.gap]));
  const context = {
    answers: scores.effectiveAnswers,
    profile,
    levelIndex: prepared.levelIndex,
    dimensions: new Map(
      scores.dimensions
        .filter((d) => d.hasBasis)
        .map((d) => [d.id, { score: d.score, levelIndex: prepared.levelIndex.get(d.level) ?? 0 }]),
    ),
  };
  const fired: (FiredRecommendation & { order: number; dimensionScore: number })[] = [];
  prepared.definition.recommendations.forEach((rule, order) => {
    if (!evaluateCondition(rule.when, context)) return;
    const dimension = dimensionById.get(rule.dimension);
    const gaps = referencedQuestions(rule.when)
      .map((id) => gapByQuestion.get(id))
      .filter((gap): gap is number => typeof gap === 'number');
    fired.push({
      id: rule.id,
      dimension: rule.dimension,
      title: rule.title,
      text: rule.text,
      topics: rule.topics,
      priority: gaps.length ? Math.max(...gaps) : (dimension?.priority ?? 0),
      order,
      dimensionScore: dimension?.score ?? 0,
    });
  });
  fired.sort((a, b) => b.priority - a.priority || a.dimensionScore - b.dimensionScore || a.order - b.order);
  return fired.map(({ order: _order, dimensionScore: _score, ...rest }) => rest);
}

/** Dimensions with a basis, most need first: highest priority, then lowest score. */
export function rankDimensionsByNeed(dimensions: readonly DimensionScore[]): DimensionScore[] {
  return dimensions
    .filter((d) => d.hasBasis)
    .sort((a, b) => b.priority - a.priority || a.score - b.score || a.id.localeCompare(b.id));
}

/** The region whose postcode prefix matches longest, or null. */
export function regionForPostcode(catalogue: Pick<Catalogue, 'regions'>, postcode: string | undefined): Region | null {
  if (!postcode) return null;
  let best: Region | null = null;
  let bestLength = 0;
  for (const region of catalogue.regions) {
    for (const prefix of region.postcodePrefixes) {
      if (prefix.length > bestLength && postcode.startsWith(prefix)) {
        best = region;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}

export interface ReferralOptions {
  catalogue: Catalogue;
  /** Today as `YYYY-MM-DD`; workshops before it are past. */
  today: string;
  /** How many of the neediest dimensions referrals are drawn for (default 3). */
  focusDimensions?: number;
  maxWorkshops?: number;
  maxPartners?: number;
}

export interface WorkshopReferral {
  workshop: Workshop;
  /** The dimension whose gap it answers. */
  dimension: string;
  matchedTopics: string[];
  relevance: number;
}

export interface PartnerReferral {
  partner: Partner;
  dimension: string;
  matchedTopics: string[];
  relevance: number;
}

export interface Referrals {
  region: { id: string; name: LocalizedText } | null;
  /** Dimension ids the referrals were drawn for, neediest first. */
  focus: string[];
  workshops: WorkshopReferral[];
  partners: PartnerReferral[];
}

interface TopicNeed {
  need: number;
  dimension: string;
}

/**
 * What each topic is worth to this business: the gaps of the answered
 * questions in the focus dimensions, and the fired recommendations there.
 * Topics of hidden questions never enter, so a bakery is not sent to CAD.
 */
function topicNeeds(
  prepared: PreparedQuestionnaire,
  scores: Scores,
  recommendations: readonly FiredRecommendation[],
  focus: readonly DimensionScore[],
): Map<string, TopicNeed> {
  const needs = new Map<string, TopicNeed>();
  const raise = (topic: string, need: number, dimension: string) => {
    const current = needs.get(topic);
    if (need > 0 && (!current || need > current.need)) needs.set(topic, { need, dimension });
  };
  const focusIds = new Set(focus.map((d) => d.id));
  for (const c of scores.contributions) {
    if (!focusIds.has(c.dimension) || c.gap === null) continue;
    for (const topic of prepared.questionById.get(c.questionId)!.question.topics) raise(topic, c.gap, c.dimension);
  }
  for (const r of recommendations) if (focusIds.has(r.dimension)) for (const topic of r.topics) raise(topic, r.priority, r.dimension);
  for (const d of focus) {
    // A dimension whose questions name no topics still deserves referrals.
    const covered = [...needs.values()].some((n) => n.dimension === d.id);
    if (!covered) for (const topic of prepared.dimensionById.get(d.id)!.topics) raise(topic, d.priority, d.id);
  }
  return needs;
}

function match(topics: readonly string[], needs: Map<string, TopicNeed>) {
  const matched = topics.filter((t) => needs.has(t));
  if (matched.length === 0) return null;
  const best = matched.reduce((a, b) => (needs.get(b)!.need > needs.get(a)!.need ? b : a));
  // The best single match decides; further matches only break ties.
  return { matchedTopics: matched, dimension: needs.get(best)!.dimension, relevance: needs.get(best)!.need + matched.length / 100 };
}

const PARTNER_KIND_ORDER: PartnerKind[] = [
  'chamber-adviser',
  'mittelstand-digital',
  'university',
  'business-development',
  'funding-programme',
  'association',
];

export function refer(
  prepared: PreparedQuestionnaire,
  scores: Scores,
  recommendations: readonly FiredRecommendation[],
  profile: BusinessProfile,
  options: ReferralOptions,
): Referrals {
  const { catalogue, today } = options;
  const region = regionForPostcode(catalogue, profile.postcode);
  const focus = rankDimensionsByNeed(scores.dimensions)
    .filter((d) => d.priority > 0)
    .slice(0, options.focusDimensions ?? 3);
  const needs = topicNeeds(prepared, scores, recommendations, focus);
  const servesRegion = (regions: readonly string[]) => regions.length === 0 || (region !== null && regions.includes(region.id));

  const workshops: WorkshopReferral[] = [];
  for (const workshop of catalogue.workshops) {
    if (workshop.start.slice(0, 10) < today) continue;
    if (!workshop.online && !servesRegion(workshop.regions)) continue;
    const m = match(workshop.topics, needs);
    if (m) workshops.push({ workshop, ...m });
  }
  workshops.sort((a, b) => b.relevance - a.relevance || a.workshop.start.localeCompare(b.workshop.start));

  const partners: PartnerReferral[] = [];
  for (const partner of catalogue.partners) {
    if (!servesRegion(partner.regions)) continue;
    const m = match(partner.topics, needs);
    if (m) partners.push({ partner, ...m });
  }
  partners.sort(
    (a, b) =>
      b.relevance - a.relevance ||
      PARTNER_KIND_ORDER.indexOf(a.partner.kind) - PARTNER_KIND_ORDER.indexOf(b.partner.kind) ||
      a.partner.name.localeCompare(b.partner.name),
  );

  return {
    region: region && { id: region.id, name: region.name },
    focus: focus.map((d) => d.id),
    workshops: workshops.slice(0, options.maxWorkshops ?? 6),
    partners: partners.slice(0, options.maxPartners ?? 6),
  };
}

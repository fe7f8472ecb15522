/**
 * Recommendations (the questionnaire's rules that fire) and referrals
 * (upcoming workshops and partners from the catalogue), both ranked by
 * digitalisation potential so a business is sent where its real gaps are,
 * and only to offers meant for its trade, size and level.
 */
import type { Audience, Catalogue, Partner, PartnerKind, Region, Workshop } from './catalogue.ts';
import { evaluateCondition, referencedQuestions } from './conditions.ts';
import { highlightsOf } from './highlights.ts';
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
  /** Serves every region (a national programme or centre), so it is headed "bundesweit", never "in Ihrer Nähe". */
  nationwide: boolean;
}

/**
 * Where the business is, as far as the catalogue goes: in one of its regions,
 * outside all of them (and told so), or unknown because no postcode was given.
 */
export type ReferralArea = 'inside' | 'outside' | 'unknown';

export interface Referrals {
  region: { id: string; name: LocalizedText } | null;
  area: ReferralArea;
  /** When `area` is `outside`: the regions the catalogue does serve, to name them. */
  servedRegions: LocalizedText[];
  /** Dimension ids the referrals were drawn for: the fields of action, neediest first. */
  focus: string[];
  workshops: WorkshopReferral[];
  partners: PartnerReferral[];
  /**
   * No workshop fits because the business is beyond them: offers on its topics
   * exist only for lower levels, or it has no gaps left. Say so honestly and
   * name `adviser`.
   */
  beyondCatalogue: boolean;
  /** The chamber's general adviser for the business's region, if the catalogue names one. */
  adviser: Partner | null;
}

/**
 * What referrals are drawn from: the dimensions and the per-question gaps.
 * A stored result has both, so referrals can be drawn again from the live
 * catalogue on every view without scoring the answers again.
 */
export type ReferralBasis = Pick<Scores, 'dimensions' | 'contributions'>;

interface TopicNeed {
  need: number;
  dimension: string;
}

/**
 * What each topic is worth to this business: the gaps of the answered
 * questions in the focus dimensions, and the fired recommendations there.
 * Topics of hidden questions never enter; whom an offer suits is checked
 * separately (`audience`), so a bakery is not sent to CAD either way.
 */
function topicNeeds(
  prepared: PreparedQuestionnaire,
  scores: ReferralBasis,
  recommendations: readonly FiredRecommendation[],
  focus: readonly DimensionScore[],
): Map<string, TopicNeed[]> {
  const needs = new Map<string, Map<string, number>>();
  const raise = (topic: string, need: number, dimension: string) => {
    if (need <= 0) return;
    const byDimension = needs.get(topic) ?? new Map<string, number>();
    byDimension.set(dimension, Math.max(need, byDimension.get(dimension) ?? 0));
    needs.set(topic, byDimension);
  };
  const focusIds = new Set(focus.map((d) => d.id));
  for (const c of scores.contributions) {
    if (!focusIds.has(c.dimension) || c.gap === null) continue;
    for (const topic of prepared.questionById.get(c.questionId)!.question.topics) raise(topic, c.gap, c.dimension);
  }
  for (const r of recommendations) if (focusIds.has(r.dimension)) for (const topic of r.topics) raise(topic, r.priority, r.dimension);
  for (const d of focus) {
    // A dimension whose questions name no topics still deserves referrals.
    const covered = [...needs.values()].some((byDimension) => byDimension.has(d.id));
    if (!covered) for (const topic of prepared.dimensionById.get(d.id)!.topics) raise(topic, d.priority, d.id);
  }
  // A topic may matter in several dimensions (at different levels): keep each, largest need first.
  return new Map(
    [...needs].map(([topic, byDimension]) => [
      topic,
      [...byDimension].map(([dimension, need]) => ({ dimension, need })).sort((a, b) => b.need - a.need),
    ]),
  );
}

interface AudienceContext {
  profile: BusinessProfile;
  levelIndex: ReadonlyMap<string, number>;
  /** The level position of each scored dimension. */
  dimensionLevel: ReadonlyMap<string, number>;
}

const suitsProfile = (audience: Audience, profile: BusinessProfile) =>
  (audience.trades.length === 0 || (profile.trade !== undefined && audience.trades.includes(profile.trade))) &&
  (audience.employees.length === 0 || (profile.employees !== undefined && audience.employees.includes(profile.employees)));

type LevelFit = 'fits' | 'below' | 'above';

/** Whether an offer suits a business at `level` (a position in the levels), or is meant for lower or higher ones. */
function levelFit(audience: Audience, level: number, levelIndex: ReadonlyMap<string, number>): LevelFit {
  if (audience.levels.length === 0) return 'fits';
  const positions = audience.levels.map((id) => levelIndex.get(id)).filter((i): i is number => i !== undefined);
  if (positions.includes(level)) return 'fits';
  return positions.every((i) => i < level) ? 'below' : 'above';
}

interface Match {
  matchedTopics: string[];
  dimension: string;
  relevance: number;
}

/**
 * The offer's best need among those it suits. `belowLevel` is true when its
 * topics meet a need but the offer is only for lower levels than the
 * business has reached there.
 */
function match(topics: readonly string[], audience: Audience, needs: Map<string, TopicNeed[]>, context: AudienceContext): { match: Match | null; belowLevel: boolean } {
  if (!suitsProfile(audience, context.profile)) return { match: null, belowLevel: false };
  let best: TopicNeed | null = null;
  const matched: string[] = [];
  let belowLevel = false;
  for (const topic of topics) {
    let suited = false;
    for (const need of needs.get(topic) ?? []) {
      const fit = levelFit(audience, context.dimensionLevel.get(need.dimension) ?? 0, context.levelIndex);
      if (fit === 'below') belowLevel = true;
      if (fit !== 'fits') continue;
      suited = true;
      if (!best || need.need > best.need) best = need;
    }
    if (suited) matched.push(topic);
  }
  if (!best) return { match: null, belowLevel };
  // The best single match decides; further matches only break ties.
  return { match: { matchedTopics: matched, dimension: best.dimension, relevance: best.need + matched.length / 100 }, belowLevel };
}

const PARTNER_KIND_ORDER: PartnerKind[] = [
  'chamber-adviser',
  'mittelstand-digital',
  'university',
  'business-development',
  'funding-programme',
  'association',
];

/**
 * Upcoming workshops and partners for the fields of action: on the topics of
 * the gaps, for this trade, size and level, in the business's region (or
 * online and nationwide), ranked by the potential behind them.
 */
export function refer(
  prepared: PreparedQuestionnaire,
  scores: ReferralBasis,
  recommendations: readonly FiredRecommendation[],
  profile: BusinessProfile,
  options: ReferralOptions,
): Referrals {
  const { catalogue, today } = options;
  const region = regionForPostcode(catalogue, profile.postcode);
  const area: ReferralArea = !profile.postcode || catalogue.regions.length === 0 ? 'unknown' : region ? 'inside' : 'outside';
  const focusIds = highlightsOf(prepared.definition, scores.dimensions).actionFields;
  const focus = focusIds.map((id) => scores.dimensions.find((d) => d.id === id)!);
  const needs = topicNeeds(prepared, scores, recommendations, focus);
  const context: AudienceContext = {
    profile,
    levelIndex: prepared.levelIndex,
    dimensionLevel: new Map(scores.dimensions.map((d) => [d.id, prepared.levelIndex.get(d.level) ?? 0])),
  };
  const servesRegion = (regions: readonly string[]) => regions.length === 0 || (region !== null && regions.includes(region.id));

  const workshops: WorkshopReferral[] = [];
  let belowLevel = false;
  for (const workshop of catalogue.workshops) {
    if (workshop.start.slice(0, 10) < today) continue;
    if (!workshop.online && !servesRegion(workshop.regions)) continue;
    const m = match(workshop.topics, workshop.audience, needs, context);
    if (m.match) workshops.push({ workshop, ...m.match });
    else if (m.belowLevel) belowLevel = true;
  }
  workshops.sort((a, b) => b.relevance - a.relevance || a.workshop.start.localeCompare(b.workshop.start));

  const partners: PartnerReferral[] = [];
  for (const partner of catalogue.partners) {
    if (!servesRegion(partner.regions)) continue;
    const m = match(partner.topics, partner.audience, needs, context).match;
    if (m) partners.push({ partner, ...m, nationwide: partner.regions.length === 0 });
  }
  partners.sort(
    (a, b) =>
      b.relevance - a.relevance ||
      PARTNER_KIND_ORDER.indexOf(a.partner.kind) - PARTNER_KIND_ORDER.indexOf(b.partner.kind) ||
      a.partner.name.de.localeCompare(b.partner.name.de),
  );

  const adviser = catalogue.partners.find((p) => p.id === catalogue.generalAdviser && servesRegion(p.regions) && area !== 'outside') ?? null;
  return {
    region: region && { id: region.id, name: region.name },
    area,
    servedRegions: area === 'outside' ? catalogue.regions.map((r) => r.name) : [],
    focus: focusIds,
    workshops: workshops.slice(0, options.maxWorkshops ?? 6),
    partners: partners.slice(0, options.maxPartners ?? 6),
    beyondCatalogue: workshops.length === 0 && (focus.length === 0 || belowLevel),
    adviser,
  };
}

/**
 * The topics a result asks for: every topic with a need in its fields of
 * action (the gaps of its answered questions there, and its fired
 * recommendations). The dashboard's demand view counts these per business.
 */
export function demandTopics(prepared: PreparedQuestionnaire, basis: ReferralBasis, recommendations: readonly FiredRecommendation[]): string[] {
  const focusIds = highlightsOf(prepared.definition, basis.dimensions).actionFields;
  const focus = focusIds.map((id) => basis.dimensions.find((d) => d.id === id)!);
  return [...topicNeeds(prepared, basis, recommendations, focus).keys()].sort();
}

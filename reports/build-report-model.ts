/**
 * The report as data: every text resolved to the report's language, every
 * number formatted, every free text sanitised. The renderer only lays it out,
 * and the model is plain data, so it crosses to a worker thread unchanged.
 */
import type {
  AnswerValue,
  Answers,
  Dimension,
  DimensionScore,
  Partner,
  Level,
  LocalizedText,
  Locale,
  QuestionContribution,
  Question,
  Questionnaire,
  ScoredResult,
  Voice,
} from '../questionnaires/engine/index.ts';
import { isSoloBusiness, localize, resultHighlights } from '../questionnaires/engine/index.ts';
import de from './i18n/de.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import {
  fillTemplate,
  formatDate,
  formatLocalDateTime,
  numberFormats,
  sanitizeBlock,
  sanitizeLine,
  type NumberFormats,
} from './report-text.ts';

export type ReportStrings = typeof de;
const STRINGS: Record<Locale, ReportStrings> = { de, en };

export interface ReportInput {
  result: ScoredResult;
  questionnaire: Questionnaire;
  profile: { companyName?: string; trade?: string; employees?: string; postcode?: string };
  locale: Locale;
  /** The day of the check, `YYYY-MM-DD`. */
  date: string;
  /** Who publishes the report (footer, document author), e.g. the chamber. */
  operator: string;
  retakeUrl?: string;
  /** Scout notes per dimension id, printed only when given. */
  notes?: Record<string, string>;
  /**
   * The answers behind the result, to name the option a business chose. Without
   * them the option is inferred from the points where that is unambiguous.
   */
  answers?: Answers;
}

export interface LevelModel {
  id: string;
  /** 0 = lowest level. */
  index: number;
  title: string;
  description: string;
  minScore: number;
  /** Where the next level starts (100 for the highest). */
  maxScore: number;
}

export interface LevelRef {
  id: string;
  index: number;
  title: string;
}

export interface LabelledValue {
  label: string;
  value: string;
}

export interface CoverModel {
  kicker: string;
  title: string;
  company: string;
  facts: LabelledValue[];
  operatorLabel: string;
  operator: string;
  confidential: string;
}

export type RadarSeriesKind = 'business' | 'peers' | 'previous';

export interface RadarSeries {
  kind: RadarSeriesKind;
  label: string;
  /** One value (0–100) per axis; null where the series has no value. */
  values: (number | null)[];
}

export interface RadarModel {
  title: string;
  caption: string;
  axes: { id: string; label: string }[];
  /** Rings at the level thresholds, lowest first. */
  rings: { value: number; label: string }[];
  series: RadarSeries[];
}

export interface SummaryModel {
  heading: string;
  overallLabel: string;
  score: number;
  scoreText: string;
  outOf: string;
  levelLabel: string;
  level: LevelRef;
  levelDescription: string;
  intro: string;
  /** Lines under the score: peer average, earlier check. */
  comparisons: string[];
  levelScaleTitle: string;
  radar: RadarModel;
  strengthsTitle: string;
  strengths: string[];
  /** Said instead of the list when no dimension reaches the strength level. */
  noStrengths: string | null;
  actionFieldsTitle: string;
  actionFields: string[];
  noActionFields: string | null;
}

export interface AnswerItem {
  questionId: string;
  question: string;
  /** The option or value chosen, or null when it cannot be named. */
  answer: string | null;
  points: number;
  maxPoints: number;
  pointsText: string;
}

export interface DimensionModel {
  id: string;
  /** „Handlungsfeld 2 von 7“ */
  kicker: string;
  title: string;
  shortTitle: string;
  description: string;
  hasBasis: boolean;
  score: number;
  scoreText: string;
  scoreLine: string;
  level: LevelRef;
  levelLine: string;
  /** Scores at which a new level starts (the lowest level's 0 left out). */
  thresholds: number[];
  status: string;
  nextStep: string;
  nextLevel: { title: string; pointsToGo: number } | null;
  nextLevelLine: string;
  answeredLine: string;
  /** Up to three answers that earned the most points. */
  helped: AnswerItem[];
  /**
   * Up to three answers that left the most points on the table. An answer
   * that ranks in both lists is named only once, where it weighs more.
   */
  cost: AnswerItem[];
  peers: number | null;
  previous: number | null;
  /** Peer and earlier score, formatted, for the markers on the score bar. */
  comparisons: { kind: 'peers' | 'previous'; text: string }[];
  note: string | null;
  /** The recommendations that fired for this dimension, most potential first. */
  recommendations: RecommendationModel[];
}

export interface RecommendationModel {
  id: string;
  dimensionId: string;
  dimensionTitle: string;
  title: string;
  text: string;
}

export interface HighlightModel {
  dimensionId: string;
  title: string;
  score: number;
  scoreLevelLine: string;
  level: LevelRef;
  text: string;
  recommendations: RecommendationModel[];
}

export interface LinkModel {
  label: string;
  text: string;
  url: string;
}

export interface WorkshopModel {
  id: string;
  /** For a calendar-style badge: „8“, „Dez.“, „2026“. */
  badge: { day: string; month: string; year: string };
  title: string;
  summary: string | null;
  format: string;
  when: string;
  place: string;
  online: boolean;
  provider: string;
  fee: string | null;
  fits: string;
  registration: LinkModel;
}

export interface PartnerModel {
  id: string;
  name: string;
  /** Serves every region: listed under the nationwide heading, never "in Ihrer Nähe". */
  nationwide: boolean;
  kind: string;
  offer: string;
  fits: string;
  person: LabelledValue | null;
  phone: LabelledValue | null;
  links: LinkModel[];
}

export interface ProgressRow {
  id: string;
  title: string;
  before: number;
  after: number;
  delta: number;
  beforeText: string;
  afterText: string;
  deltaText: string;
}

export interface ProgressModel {
  heading: string;
  intro: string;
  versionNote: string | null;
  columns: { dimension: string; before: string; after: string; delta: string };
  rows: ProgressRow[];
  overall: ProgressRow;
  notCompared: string | null;
}

export interface NextStepsModel {
  heading: string;
  intro: string;
  items: string[];
  retake: { heading: string; text: string; url: string; qrCaption: string } | null;
}

export interface ReportModel {
  locale: Locale;
  /** BCP 47 tag for the PDF's /Lang. */
  lang: string;
  meta: { title: string; author: string; subject: string; keywords: string; creationDate: string };
  footer: { operator: string; pageTemplate: string };
  cover: CoverModel;
  levels: LevelModel[];
  summary: SummaryModel;
  dimensionsSection: {
    heading: string;
    intro: string;
    labels: { status: string; nextStep: string; helped: string; cost: string; note: string; noBasis: string; recommendations: string };
  };
  dimensions: DimensionModel[];
  highlights: {
    strengthsHeading: string;
    strengthsIntro: string;
    /** The kind words when no dimension is a strength yet; null when there are strengths. */
    noStrengths: string | null;
    actionHeading: string;
    actionIntro: string;
    noActionFields: string | null;
    recommendationsLabel: string;
    noRecommendations: string;
  };
  strengths: HighlightModel[];
  actionFields: HighlightModel[];
  /** Every recommendation that fired, most potential first; each also sits with its dimension. */
  recommendations: RecommendationModel[];
  referralsSection: {
    heading: string;
    intro: string;
    /** Where the postcode lies: in the region, outside the chamber's area, or not given. */
    area: 'inside' | 'outside' | 'unknown';
    workshopsHeading: string;
    noWorkshops: string;
    /** Nothing more advanced in the catalogue for this business: said honestly, with whom to ask. */
    beyond: { text: string; adviser: PartnerModel | null } | null;
    partnersHeading: string;
    /** Headings of the partners in the region and of those serving everywhere („bundesweit“). */
    regionalPartnersHeading: string;
    nationalPartnersHeading: string;
    noPartners: string;
    providerLabel: string;
    feeLabel: string;
  };
  workshops: WorkshopModel[];
  partners: PartnerModel[];
  progress: ProgressModel | null;
  nextSteps: NextStepsModel;
}

interface Context {
  t: ReportStrings;
  locale: Locale;
  /** A one-person business: texts in their `solo` variant, no team. */
  solo: boolean;
  numbers: NumberFormats;
  text: (value: LocalizedText) => string;
  line: (value: LocalizedText, max?: number) => string;
  levels: LevelModel[];
  levelById: Map<string, LevelModel>;
  dimensionById: Map<string, Dimension>;
}


function levelRef(context: Context, id: string): LevelRef {
  const level = context.levelById.get(id);
  if (!level) throw new Error(`the result names level "${id}", which the questionnaire does not define`);
  return { id: level.id, index: level.index, title: level.title };
}

function buildLevels(levels: readonly Level[], text: (value: LocalizedText) => string): LevelModel[] {
  const sorted = [...levels].sort((a, b) => a.minScore - b.minScore);
  return sorted.map((level, index) => ({
    id: level.id,
    index,
    title: sanitizeLine(text(level.title), 80),
    description: sanitizeBlock(text(level.description), 2000),
    minScore: level.minScore,
    maxScore: sorted[index + 1]?.minScore ?? 100,
  }));
}

function questionIndex(questionnaire: Questionnaire): Map<string, Question> {
  const questions = new Map<string, Question>();
  for (const section of questionnaire.sections) {
    if (section.kind !== 'dimension') continue;
    for (const question of section.questions) questions.set(question.id, question);
  }
  return questions;
}

const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** Names what was chosen; from the answer when known, else from the share of points where only one choice fits. */
function answerText(context: Context, question: Question, value: AnswerValue | undefined, normalized: number | null): string | null {
  const { t } = context;
  const option = (id: string) => {
    if (question.type !== 'single' && question.type !== 'multi') return null;
    const found = question.options.find((o) => o.id === id);
    return found ? context.line(found.label, 200) : null;
  };
  if (value !== undefined) {
    switch (question.type) {
      case 'single':
        return typeof value === 'string' ? option(value) : null;
      case 'multi':
        if (!Array.isArray(value)) return null;
        return value.length === 0 ? t.dimensions.noneChosen : value.map((id) => option(id) ?? sanitizeLine(id, 64)).join(', ');
      case 'scale':
        return typeof value === 'number' ? fillTemplate(t.dimensions.scaleValue, { value, max: question.max }) : null;
      case 'boolean':
        return value === true ? t.dimensions.yes : value === false ? t.dimensions.no : null;
      case 'number':
        return typeof value === 'number'
          ? `${context.numbers.score(value)}${question.unit ? ` ${context.line(question.unit, 40)}` : ''}`
          : null;
      case 'text':
        return null;
    }
  }
  if (normalized === null) return null;
  switch (question.type) {
    case 'single': {
      const best = Math.max(0, ...question.options.map((o) => o.score));
      if (best <= 0) return null;
      const fitting = question.options.filter((o) => close(o.score / best, normalized));
      return fitting.length === 1 ? context.line(fitting[0]!.label, 200) : null;
    }
    case 'boolean': {
      const best = Math.max(question.scores.yes, question.scores.no);
      if (best <= 0 || question.scores.yes === question.scores.no) return null;
      if (close(question.scores.yes / best, normalized)) return t.dimensions.yes;
      if (close(question.scores.no / best, normalized)) return t.dimensions.no;
      return null;
    }
    case 'scale': {
      const scaleValue = Math.round(question.min + normalized * (question.max - question.min));
      return fillTemplate(t.dimensions.scaleValue, { value: scaleValue, max: question.max });
    }
    default:
      return null;
  }
}

function answerItems(
  context: Context,
  contributions: readonly QuestionContribution[],
  questions: Map<string, Question>,
  answers: Answers | undefined,
): { helped: AnswerItem[]; cost: AnswerItem[] } {
  const answered = contributions.filter((c) => c.status === 'answered' && c.maxPoints > 0);
  const toItem = (c: QuestionContribution): AnswerItem => {
    const question = questions.get(c.questionId);
    const value = answers && Object.hasOwn(answers, c.questionId) ? answers[c.questionId] : undefined;
    return {
      questionId: c.questionId,
      question: question ? context.line(question.text, 400) : sanitizeLine(c.questionId, 64),
      answer: question ? answerText(context, question, value, c.normalized) : null,
      points: c.points,
      maxPoints: c.maxPoints,
      pointsText: fillTemplate(context.t.dimensions.points, {
        points: context.numbers.score(c.points),
        max: context.numbers.score(c.maxPoints),
      }),
    };
  };
  const lost = (c: QuestionContribution) => c.maxPoints - c.points;
  // Sorting is stable, so ties keep the questionnaire's order.
  const byPoints = answered.filter((c) => c.points > 0).sort((a, b) => b.points - a.points);
  const byLost = answered.filter((c) => lost(c) > 0).sort((a, b) => lost(b) - lost(a));
  // A half-way answer can rank in both lists; it is named once, where it weighs more.
  const topLost = new Set(byLost.slice(0, 3).map((c) => c.questionId));
  const helpedContributions = byPoints.filter((c) => !topLost.has(c.questionId) || c.points >= lost(c)).slice(0, 3);
  const helpedIds = new Set(helpedContributions.map((c) => c.questionId));
  const helped = helpedContributions.map(toItem);
  const cost = byLost
    .filter((c) => !helpedIds.has(c.questionId))
    .slice(0, 3)
    .map(toItem);
  return { helped, cost };
}

function buildDimension(
  context: Context,
  input: ReportInput,
  score: DimensionScore,
  position: number,
  questions: Map<string, Question>,
): DimensionModel {
  const { t, numbers } = context;
  const dimension = context.dimensionById.get(score.id);
  if (!dimension) throw new Error(`the result names dimension "${score.id}", which the questionnaire does not define`);
  const level = levelRef(context, score.level);
  const levelText = dimension.levelTexts[score.level];
  const next = context.levels[level.index + 1];
  const nextLevel = score.hasBasis && next ? { title: next.title, pointsToGo: Math.round((next.minScore - score.score) * 10) / 10 } : null;
  const { helped, cost } = answerItems(
    context,
    input.result.contributions.filter((c) => c.dimension === score.id),
    questions,
    input.answers,
  );
  const peers = input.result.benchmark?.dimensions[score.id] ?? null;
  const previous = input.result.previous?.dimensions.find((d) => d.id === score.id)?.before ?? null;
  const rawNote = input.notes && Object.hasOwn(input.notes, score.id) ? input.notes[score.id] : undefined;
  const note = typeof rawNote === 'string' ? sanitizeBlock(rawNote) : '';
  return {
    id: score.id,
    kicker: fillTemplate(t.dimensions.kicker, { index: position + 1, count: input.result.dimensions.length }),
    title: context.line(dimension.title, 120),
    shortTitle: context.line(dimension.shortTitle ?? dimension.title, 60),
    description: sanitizeBlock(context.text(dimension.description), 2000),
    hasBasis: score.hasBasis,
    score: score.score,
    scoreText: numbers.score(score.score),
    scoreLine: fillTemplate(t.dimensions.scoreLine, { score: numbers.score(score.score) }),
    level,
    levelLine: fillTemplate(t.dimensions.level, { level: level.title }),
    thresholds: context.levels.map((l) => l.minScore).filter((value) => value > 0),
    status: levelText ? sanitizeBlock(context.text(levelText.status), 2000) : '',
    nextStep: levelText ? sanitizeBlock(context.text(levelText.nextStep), 2000) : '',
    nextLevel,
    nextLevelLine: !score.hasBasis
      ? t.dimensions.noBasis
      : nextLevel
        ? fillTemplate(t.dimensions.toNextLevel, { points: numbers.score(nextLevel.pointsToGo), level: nextLevel.title })
        : t.dimensions.topLevel,
    answeredLine: fillTemplate(t.dimensions.answered, { answered: score.answered, visible: score.visible }),
    helped,
    cost,
    peers,
    previous,
    comparisons: [
      ...(peers === null ? [] : [{ kind: 'peers' as const, text: fillTemplate(t.dimensions.peers, { score: numbers.score(peers) }) }]),
      ...(previous === null ? [] : [{ kind: 'previous' as const, text: fillTemplate(t.dimensions.previous, { score: numbers.score(previous) }) }]),
    ],
    note: note === '' ? null : note,
    recommendations: [],
  };
}

function tradeLabel(context: Context, questionnaire: Questionnaire, trade: string | undefined | null): string | null {
  if (!trade) return null;
  const choice = questionnaire.profile.trades.find((t) => t.id === trade);
  return choice ? context.line(choice.label, 120) : sanitizeLine(trade, 120) || null;
}

function employeesLabel(context: Context, questionnaire: Questionnaire, band: string | undefined): string | null {
  if (!band) return null;
  const choice = questionnaire.profile.employeeBands.find((b) => b.id === band);
  return choice ? context.line(choice.label, 60) : sanitizeLine(band, 60) || null;
}

function buildRecommendations(context: Context, result: ScoredResult, dimensions: DimensionModel[]): RecommendationModel[] {
  const titles = new Map(dimensions.map((d) => [d.id, d.title]));
  return result.recommendations.map((r) => ({
    id: r.id,
    dimensionId: r.dimension,
    dimensionTitle: titles.get(r.dimension) ?? sanitizeLine(r.dimension, 64),
    title: context.line(r.title, 200),
    text: sanitizeBlock(context.text(r.text), 3000),
  }));
}

function highlight(context: Context, dimension: DimensionModel, text: string, recommendations: RecommendationModel[]): HighlightModel {
  return {
    dimensionId: dimension.id,
    title: dimension.title,
    score: dimension.score,
    scoreLevelLine: fillTemplate(context.t.highlights.scoreLevel, { score: dimension.scoreText, level: dimension.level.title }),
    level: dimension.level,
    text,
    recommendations,
  };
}

/** The engine's strengths and fields of action (one rule for web, PDF and scouts), as dimension models. */
function highlightedDimensions(questionnaire: Questionnaire, result: ScoredResult, dimensions: DimensionModel[]) {
  const highlights = resultHighlights(questionnaire, result);
  const byId = new Map(dimensions.map((d) => [d.id, d]));
  const pick = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  return { strengthFromLevel: highlights.strengthFromLevel, strengths: pick(highlights.strengths), actionFields: pick(highlights.actionFields) };
}

function workshopWhen(context: Context, start: string, end: string | undefined): string {
  const { t } = context;
  const from = formatLocalDateTime(start, t.intlLocale);
  if (!end) return fillTemplate(t.referrals.dateSingle, { date: from.date, start: from.time });
  const to = formatLocalDateTime(end, t.intlLocale);
  if (to.day === from.day) return fillTemplate(t.referrals.dateRange, { date: from.date, start: from.time, end: to.time });
  return fillTemplate(t.referrals.dateSpan, { start: `${from.date}, ${from.time}`, end: `${to.date}, ${to.time}` });
}

function buildWorkshops(context: Context, result: ScoredResult, titles: Map<string, string>): WorkshopModel[] {
  const { t } = context;
  return result.referrals.workshops.map(({ workshop, dimension }) => {
    const title = context.line(workshop.title, 200);
    const url = sanitizeLine(workshop.registrationUrl, 500);
    const start = formatLocalDateTime(workshop.start, t.intlLocale);
    return {
      id: workshop.id,
      badge: { day: start.dayOfMonth, month: start.monthShort, year: start.year },
      title,
      summary: workshop.summary ? sanitizeBlock(context.text(workshop.summary), 2000) : null,
      format: t.referrals.formats[workshop.format],
      when: workshopWhen(context, workshop.start, workshop.end),
      place: workshop.online || !workshop.place ? t.referrals.online : context.line(workshop.place, 300),
      online: workshop.online,
      provider: context.line(workshop.provider, 200),
      fee: workshop.fee ? context.line(workshop.fee, 200) : null,
      fits: fillTemplate(t.referrals.fits, { dimension: titles.get(dimension) ?? dimension }),
      registration: { label: t.referrals.register, text: url, url },
    };
  });
}

function buildPartner(context: Context, partner: Partner, fits: string, nationwide: boolean): PartnerModel {
  const { t } = context;
  const { contact } = partner;
  const links: LinkModel[] = [];
  if (contact.email) {
    const email = sanitizeLine(contact.email, 254);
    links.push({ label: t.referrals.email, text: email, url: `mailto:${email}` });
  }
  if (contact.url) {
    const url = sanitizeLine(contact.url, 500);
    links.push({ label: t.referrals.web, text: url, url });
  }
  const phone = contact.phone ? sanitizeLine(contact.phone, 50) : '';
  const person = contact.person ? context.line(contact.person, 200) : '';
  return {
    id: partner.id,
    name: context.line(partner.name, 200),
    nationwide,
    kind: t.referrals.partnerKinds[partner.kind],
    offer: sanitizeBlock(context.text(partner.offer), 3000),
    fits,
    person: person ? { label: t.referrals.person, value: person } : null,
    phone: phone ? { label: t.referrals.phone, value: phone } : null,
    links,
  };
}

/** Regional partners first, then those serving everywhere, each group in the engine's order. */
function buildPartners(context: Context, result: ScoredResult, titles: Map<string, string>): PartnerModel[] {
  const { t } = context;
  const partners = result.referrals.partners.map(({ partner, dimension, nationwide }) =>
    buildPartner(context, partner, fillTemplate(t.referrals.fits, { dimension: titles.get(dimension) ?? dimension }), nationwide ?? partner.regions.length === 0),
  );
  return [...partners.filter((p) => !p.nationwide), ...partners.filter((p) => p.nationwide)];
}

function buildProgress(context: Context, result: ScoredResult, titles: Map<string, string>): ProgressModel | null {
  const previous = result.previous;
  if (!previous) return null;
  const { t, numbers } = context;
  const row = (id: string, title: string, before: number, after: number, delta: number): ProgressRow => ({
    id,
    title,
    before,
    after,
    delta,
    beforeText: numbers.score(before),
    afterText: numbers.score(after),
    deltaText: numbers.delta(delta),
  });
  const notCompared = previous.notCompared.map((id) => titles.get(id) ?? id);
  return {
    heading: t.progress.heading,
    intro: t.progress.intro,
    versionNote: previous.sameVersion
      ? null
      : fillTemplate(t.progress.versionNote, {
          before: sanitizeLine(previous.questionnaire.version, 32),
          after: result.questionnaire.version,
        }),
    columns: { dimension: t.progress.dimension, before: t.progress.before, after: t.progress.after, delta: t.progress.delta },
    rows: previous.dimensions.map((d) => row(d.id, titles.get(d.id) ?? d.id, d.before, d.after, d.delta)),
    overall: row('overall', t.progress.overall, previous.overall.before, previous.overall.after, previous.overall.delta),
    notCompared: notCompared.length ? fillTemplate(t.progress.notCompared, { dimensions: notCompared.join(', ') }) : null,
  };
}

function buildRadar(context: Context, input: ReportInput, dimensions: DimensionModel[]): RadarModel {
  const { t } = context;
  const { result } = input;
  const series: RadarSeries[] = [
    { kind: 'business', label: t.summary.seriesBusiness, values: dimensions.map((d) => (d.hasBasis ? d.score : null)) },
  ];
  if (result.benchmark) {
    const template = result.benchmark.groupSize === 1 ? t.summary.seriesPeers.one : t.summary.seriesPeers.other;
    series.push({
      kind: 'peers',
      label: fillTemplate(template, {
        trade: tradeLabel(context, input.questionnaire, result.benchmark.trade) ?? result.benchmark.trade,
        count: result.benchmark.groupSize,
      }),
      values: dimensions.map((d) => d.peers),
    });
  }
  if (result.previous) {
    series.push({
      kind: 'previous',
      label: result.previous.sameVersion
        ? t.summary.seriesPrevious
        : fillTemplate(t.summary.seriesPreviousVersion, { version: sanitizeLine(result.previous.questionnaire.version, 32) }),
      values: dimensions.map((d) => d.previous),
    });
  }
  return {
    title: t.summary.radarTitle,
    caption: t.summary.radarCaption,
    axes: dimensions.map((d) => ({ id: d.id, label: d.shortTitle })),
    rings: context.levels.filter((l) => l.minScore > 0).map((l) => ({ value: l.minScore, label: l.title })),
    series,
  };
}

/** What to do with a partner, in words that fit it: a talk with someone nearby, a look at a programme. */
function partnerStep(context: Context, partner: PartnerModel, kind: Partner['kind']): string {
  const { t } = context;
  if (kind === 'funding-programme') return fillTemplate(t.nextSteps.partnerFunding, { name: partner.name });
  return fillTemplate(partner.nationwide ? t.nextSteps.partnerNational : t.nextSteps.partner, { name: partner.name });
}

function buildNextSteps(
  context: Context,
  input: ReportInput,
  actionFields: DimensionModel[],
  recommendations: RecommendationModel[],
  workshops: WorkshopModel[],
  partners: PartnerModel[],
  beyond: ReportModel['referralsSection']['beyond'],
): NextStepsModel {
  const { t } = context;
  const items = [context.solo ? t.nextSteps.discussSolo : t.nextSteps.discuss];
  const focus = actionFields[0];
  if (focus && focus.nextStep) items.push(fillTemplate(t.nextSteps.focus, { dimension: focus.title, nextStep: focus.nextStep }));
  for (const r of recommendations.slice(0, 2)) items.push(fillTemplate(t.nextSteps.recommendation, { title: r.title }));
  const workshop = workshops[0];
  if (workshop) items.push(fillTemplate(t.nextSteps.workshop, { title: workshop.title, when: workshop.when }));
  if (beyond?.adviser) items.push(fillTemplate(t.nextSteps.beyond, { name: beyond.adviser.name }));
  else {
    // Someone nearby to talk to comes first; a nationwide programme is something to look into.
    const partner = partners.find((p) => !p.nationwide) ?? partners[0];
    const kind = partner && input.result.referrals.partners.find((r) => r.partner.id === partner.id)?.partner.kind;
    if (partner && kind) items.push(partnerStep(context, partner, kind));
  }
  items.push(t.nextSteps.retake);
  const url = input.retakeUrl ? sanitizeLine(input.retakeUrl, 500) : '';
  return {
    heading: t.nextSteps.heading,
    intro: t.nextSteps.intro,
    items,
    retake: /^https?:\/\/\S+$/.test(url)
      ? { heading: t.nextSteps.retakeHeading, text: t.nextSteps.retakeText, url, qrCaption: t.nextSteps.qrCaption }
      : null,
  };
}

/** Resolves a scored result into everything the PDF prints, in one language. */
export function buildReportModel(input: ReportInput): ReportModel {
  const { result, questionnaire, locale } = input;
  const t = STRINGS[locale];
  const solo = isSoloBusiness(questionnaire, input.profile.employees ?? result.profile.employees);
  const voice: Voice = { locale, solo };
  const text = (value: LocalizedText) => localize(value, voice);
  const levels = buildLevels(questionnaire.levels, text);
  const context: Context = {
    t,
    locale,
    solo,
    numbers: numberFormats(t.intlLocale),
    text,
    line: (value, max = 300) => sanitizeLine(text(value), max),
    levels,
    levelById: new Map(levels.map((l) => [l.id, l])),
    dimensionById: new Map(questionnaire.dimensions.map((d) => [d.id, d])),
  };
  const { numbers } = context;
  const questions = questionIndex(questionnaire);
  const date = formatDate(input.date, t.intlLocale);
  const companyName = input.profile.companyName ? sanitizeLine(input.profile.companyName, 120) : '';
  const company = companyName || t.cover.unnamedCompany;
  const questionnaireTitle = context.line(questionnaire.title, 200);
  const operator = sanitizeLine(input.operator, 200);

  const dimensions = result.dimensions.map((score, position) => buildDimension(context, input, score, position, questions));
  const titles = new Map(dimensions.map((d) => [d.id, d.title]));
  const overallLevel = levelRef(context, result.overall.level);
  const overallLevelModel = context.levelById.get(result.overall.level)!;
  const { strengthFromLevel, strengths, actionFields } = highlightedDimensions(questionnaire, result, dimensions);
  const strengthLevel = levelRef(context, strengthFromLevel).title;
  const recommendations = buildRecommendations(context, result, dimensions);
  for (const dimension of dimensions) dimension.recommendations = recommendations.filter((r) => r.dimensionId === dimension.id);
  const workshops = buildWorkshops(context, result, titles);
  const partners = buildPartners(context, result, titles);
  const { referrals } = result;
  const area = referrals.area ?? (referrals.region ? 'inside' : 'unknown');
  const adviser = referrals.adviser ? buildPartner(context, referrals.adviser, '', referrals.adviser.regions.length === 0) : null;
  const beyond = referrals.beyondCatalogue
    ? { text: adviser ? fillTemplate(t.referrals.beyondAdviser, { name: adviser.name }) : t.referrals.beyond, adviser }
    : null;

  const facts: LabelledValue[] = [];
  const trade = tradeLabel(context, questionnaire, input.profile.trade);
  if (trade) facts.push({ label: t.cover.trade, value: trade });
  const employees = employeesLabel(context, questionnaire, input.profile.employees);
  if (employees) facts.push({ label: t.cover.employees, value: employees });
  const postcode = input.profile.postcode ? sanitizeLine(input.profile.postcode, 10) : '';
  if (postcode) facts.push({ label: t.cover.postcode, value: postcode });
  const region = result.referrals.region ? context.line(result.referrals.region.name, 120) : null;
  if (region) facts.push({ label: t.cover.region, value: region });
  else if (area === 'outside') facts.push({ label: t.cover.region, value: t.cover.outsideArea });
  facts.push({ label: t.cover.date, value: date });
  facts.push({
    label: t.cover.questionnaire,
    value: fillTemplate(t.cover.questionnaireLine, { title: questionnaireTitle, version: questionnaire.version }),
  });

  const comparisons: string[] = [];
  if (result.benchmark) comparisons.push(fillTemplate(t.summary.peersOverall, { score: numbers.score(result.benchmark.overall) }));
  if (result.previous) {
    comparisons.push(
      fillTemplate(t.summary.previousOverall, {
        before: numbers.score(result.previous.overall.before),
        delta: numbers.delta(result.previous.overall.delta),
      }),
    );
  }

  return {
    locale,
    lang: t.pdfLang,
    meta: {
      title: companyName ? fillTemplate(t.document.titleFor, { company: companyName }) : t.document.title,
      author: operator,
      subject: fillTemplate(t.document.subject, { questionnaire: questionnaireTitle, version: questionnaire.version, date }),
      keywords: t.document.keywords,
      creationDate: input.date,
    },
    footer: { operator, pageTemplate: t.footer.page },
    cover: {
      kicker: t.cover.kicker,
      title: t.cover.title,
      company,
      facts,
      operatorLabel: t.cover.operator,
      operator,
      confidential: t.cover.confidential,
    },
    levels,
    summary: {
      heading: t.summary.heading,
      overallLabel: t.summary.overallLabel,
      score: result.overall.score,
      scoreText: numbers.score(result.overall.score),
      outOf: t.summary.outOf,
      levelLabel: t.summary.levelLabel,
      level: overallLevel,
      levelDescription: overallLevelModel.description,
      intro: fillTemplate(t.summary.intro, { score: numbers.score(result.overall.score), level: overallLevel.title }),
      comparisons,
      levelScaleTitle: t.summary.levelScale,
      radar: buildRadar(context, input, dimensions),
      strengthsTitle: t.summary.strengths,
      strengths: strengths.map((d) => d.title),
      noStrengths: strengths.length ? null : fillTemplate(t.summary.noStrengths, { level: strengthLevel }),
      actionFieldsTitle: t.summary.actionFields,
      actionFields: actionFields.map((d) => d.title),
      noActionFields: actionFields.length ? null : t.summary.noActionFields,
    },
    dimensionsSection: {
      heading: t.dimensions.heading,
      intro: t.dimensions.intro,
      labels: {
        status: t.dimensions.status,
        nextStep: t.dimensions.nextStep,
        helped: t.dimensions.helped,
        cost: t.dimensions.cost,
        note: t.dimensions.note,
        noBasis: t.dimensions.noBasis,
        recommendations: t.dimensions.recommendations,
      },
    },
    dimensions,
    highlights: {
      strengthsHeading: t.highlights.strengthsHeading,
      strengthsIntro: fillTemplate(t.highlights.strengthsIntro, { level: strengthLevel }),
      noStrengths: strengths.length ? null : fillTemplate(t.highlights.noStrengths, { level: strengthLevel }),
      actionHeading: t.highlights.actionHeading,
      actionIntro: t.highlights.actionIntro,
      noActionFields: actionFields.length ? null : t.highlights.noActionFields,
      recommendationsLabel: t.highlights.recommendations,
      noRecommendations: t.highlights.noRecommendations,
    },
    strengths: strengths.map((d) => highlight(context, d, d.status, [])),
    actionFields: actionFields.map((d) =>
      highlight(
        context,
        d,
        d.nextStep,
        recommendations.filter((r) => r.dimensionId === d.id),
      ),
    ),
    recommendations,
    referralsSection: {
      heading: t.referrals.heading,
      intro:
        area === 'outside'
          ? fillTemplate(t.referrals.introOutside, {
              postcode: input.profile.postcode ? sanitizeLine(input.profile.postcode, 10) : '',
              regions: referrals.servedRegions.map((name) => context.line(name, 120)).join(', '),
            })
          : region
            ? fillTemplate(t.referrals.introRegion, { region })
            : t.referrals.intro,
      area,
      workshopsHeading: t.referrals.workshopsHeading,
      noWorkshops: t.referrals.noWorkshops,
      beyond,
      partnersHeading: t.referrals.partnersHeading,
      regionalPartnersHeading: region ? fillTemplate(t.referrals.regionalPartnersHeading, { region }) : t.referrals.partnersHeading,
      nationalPartnersHeading: t.referrals.nationalPartnersHeading,
      noPartners: t.referrals.noPartners,
      providerLabel: t.referrals.provider,
      feeLabel: t.referrals.fee,
    },
    workshops,
    partners,
    progress: buildProgress(context, result, titles),
    nextSteps: buildNextSteps(context, input, actionFields, recommendations, workshops, partners, beyond),
  };
}

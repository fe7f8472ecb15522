/**
 * The report as data: every text resolved to the report's language, every
 * number formatted, every free text sanitised. The renderer only lays it out,
 * and the model is plain data, so it crosses to a worker thread unchanged.
 * Each section is built by its own module beside this one.
 */
import { fillTemplate, formatDate, sanitizeLine } from '../report-text.ts';
import { questionIndex } from './answers.ts';
import { createContext, otherLanguagePassages, type LevelModel, type Passage, type ReportInput } from './context.ts';
import { buildCover, type CoverModel } from './cover.ts';
import { buildDimension, type DimensionModel } from './dimension.ts';
import {
  buildHighlightsSection,
  buildRecommendations,
  highlight,
  highlightedDimensions,
  type HighlightModel,
  type HighlightsSection,
  type RecommendationModel,
} from './highlights.ts';
import { buildNextSteps, type NextStepsModel } from './next-steps.ts';
import { buildProgress, type ProgressModel } from './progress.ts';
import { buildPartners, buildReferralsSection, buildWorkshops, referralPlace, type PartnerModel, type ReferralsSection, type WorkshopModel } from './referrals.ts';
import { buildSummary, type SummaryModel } from './summary.ts';

export interface ReportModel {
  locale: ReportInput['locale'];
  /** BCP 47 tag for the PDF's /Lang. */
  lang: string;
  /** Printed texts in another language than `lang`, so the PDF tags them with theirs. */
  passages: Passage[];
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
  highlights: HighlightsSection;
  strengths: HighlightModel[];
  actionFields: HighlightModel[];
  /** Every recommendation that fired, most potential first; each also sits with its dimension. */
  recommendations: RecommendationModel[];
  referralsSection: ReferralsSection;
  workshops: WorkshopModel[];
  partners: PartnerModel[];
  progress: ProgressModel | null;
  nextSteps: NextStepsModel;
}

function documentMeta(input: ReportInput, t: ReturnType<typeof createContext>['t'], questionnaireTitle: string, date: string): ReportModel['meta'] {
  const companyName = input.profile.companyName ? sanitizeLine(input.profile.companyName, 120) : '';
  return {
    title: companyName ? fillTemplate(t.document.titleFor, { company: companyName }) : t.document.title,
    author: sanitizeLine(input.operator, 200),
    subject: fillTemplate(t.document.subject, { questionnaire: questionnaireTitle, version: input.questionnaire.version, date }),
    keywords: t.document.keywords,
    creationDate: input.date,
  };
}

function dimensionsSection(t: ReturnType<typeof createContext>['t']): ReportModel['dimensionsSection'] {
  const { dimensions } = t;
  return {
    heading: dimensions.heading,
    intro: dimensions.intro,
    labels: {
      status: dimensions.status,
      nextStep: dimensions.nextStep,
      helped: dimensions.helped,
      cost: dimensions.cost,
      note: dimensions.note,
      noBasis: dimensions.noBasis,
      recommendations: dimensions.recommendations,
    },
  };
}

/** Resolves a scored result into everything the PDF prints, in one language. */
export function buildReportModel(input: ReportInput): ReportModel {
  const { result, questionnaire } = input;
  const context = createContext(input);
  const { t } = context;
  const date = formatDate(input.date, t.intlLocale);
  const questions = questionIndex(questionnaire);
  const dimensions = result.dimensions.map((score, position) => buildDimension(context, input, score, position, questions));
  const titles = new Map(dimensions.map((d) => [d.id, d.title]));
  const chosen = highlightedDimensions(context, questionnaire, result, dimensions);
  const recommendations = buildRecommendations(context, result, dimensions);
  for (const dimension of dimensions) dimension.recommendations = recommendations.filter((r) => r.dimensionId === dimension.id);
  const workshops = buildWorkshops(context, result, titles);
  const partners = buildPartners(context, result, titles);
  const referralsSection = buildReferralsSection(context, input);
  const cover = buildCover(context, input, referralPlace(context, result), date);
  const model: ReportModel = {
    locale: input.locale,
    lang: t.pdfLang,
    passages: [],
    meta: documentMeta(input, t, context.line(questionnaire.title, 200), date),
    footer: { operator: cover.operator, pageTemplate: t.footer.page },
    cover,
    levels: context.levels,
    summary: buildSummary(context, input, dimensions, chosen),
    dimensionsSection: dimensionsSection(t),
    dimensions,
    highlights: buildHighlightsSection(context, chosen.strengths.length, chosen.actionFields.length, chosen.strengthLevel),
    strengths: chosen.strengths.map((d) => highlight(context, d, d.status, [])),
    actionFields: chosen.actionFields.map((d) => highlight(context, d, d.nextStep, recommendations.filter((r) => r.dimensionId === d.id))),
    recommendations,
    referralsSection,
    workshops,
    partners,
    progress: buildProgress(context, result, titles),
    nextSteps: buildNextSteps(context, input, chosen.actionFields, recommendations, workshops, partners, referralsSection.beyond),
  };
  // Last, once every section has resolved its texts.
  model.passages = otherLanguagePassages(context);
  return model;
}

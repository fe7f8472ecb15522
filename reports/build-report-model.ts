/**
 * The report model's entry point: `buildReportModel` and every model type.
 * The builders live in `model/`, one module per report section.
 */
export { buildReportModel, type ReportModel } from './model/report.ts';
export type { LabelledValue, LevelModel, LevelRef, Passage, ReportInput, ReportStrings } from './model/context.ts';
export type { CoverModel } from './model/cover.ts';
export type { RadarModel, RadarSeries, RadarSeriesKind, SummaryModel } from './model/summary.ts';
export type { AnswerItem } from './model/answers.ts';
export type { DimensionModel } from './model/dimension.ts';
export type { HighlightModel, HighlightsSection, RecommendationModel } from './model/highlights.ts';
export type { LinkModel, PartnerModel, ReferralsSection, WorkshopModel } from './model/referrals.ts';
export type { ProgressModel, ProgressRow } from './model/progress.ts';
export type { NextStepsModel } from './model/next-steps.ts';

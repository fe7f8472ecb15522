/**
 * What every section builder shares: the input, the strings of the report's
 * language, number formats, the levels, and a record of passages that came
 * out in another language than the report's (so the PDF can say so).
 */
import type { Dimension, Level, LocalizedText, Locale, Questionnaire, ScoredResult, Answers, Voice } from '../../questionnaires/engine/index.ts';
import { isSoloBusiness, localize } from '../../questionnaires/engine/index.ts';
import de from '../i18n/de.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };
import { numberFormats, sanitizeBlock, sanitizeLine, type NumberFormats } from '../report-text.ts';

export type ReportStrings = typeof de;
const STRINGS: Record<Locale, ReportStrings> = { de, en };
const PDF_LANG: Record<Locale, string> = { de: de.pdfLang, en: en.pdfLang };

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
  /** Where the business asks for the offers (its result page, opened with its resume code). */
  askUrl?: string;
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

/** A printed text whose language differs from the report's, e.g. a German-only catalogue name in an English report. */
export interface Passage {
  text: string;
  /** BCP 47 tag, as the PDF's /Lang wants it. */
  lang: string;
}

export interface Context {
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
  /** Resolved texts that fell back to another language, by that language. */
  fallbacks: Map<string, Locale>;
}

/** The language `localize` took a text from: English reports fall back to German where a text has no English. */
function resolvedLocale(value: LocalizedText, voice: Voice): Locale {
  if (voice.locale === 'de') return 'de';
  const solo = voice.solo ? value.solo : undefined;
  return (solo?.en ?? value.en) !== undefined ? 'en' : 'de';
}

export function buildLevels(levels: readonly Level[], text: (value: LocalizedText) => string): LevelModel[] {
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

export function createContext(input: ReportInput): Context {
  const { questionnaire, locale, result } = input;
  const solo = isSoloBusiness(questionnaire, input.profile.employees ?? result.profile.employees);
  const voice: Voice = { locale, solo };
  const fallbacks = new Map<string, Locale>();
  const text = (value: LocalizedText) => {
    const resolved = localize(value, voice);
    const from = resolvedLocale(value, voice);
    if (from !== locale) fallbacks.set(resolved, from);
    return resolved;
  };
  const levels = buildLevels(questionnaire.levels, text);
  return {
    t: STRINGS[locale],
    locale,
    solo,
    numbers: numberFormats(STRINGS[locale].intlLocale),
    text,
    line: (value, max = 300) => sanitizeLine(text(value), max),
    levels,
    levelById: new Map(levels.map((l) => [l.id, l])),
    dimensionById: new Map(questionnaire.dimensions.map((d) => [d.id, d])),
    fallbacks,
  };
}

/** The passages in another language, in the sanitised forms the model prints them in. */
export function otherLanguagePassages(context: Context): Passage[] {
  const passages = new Map<string, string>();
  for (const [raw, locale] of context.fallbacks) {
    for (const text of [sanitizeLine(raw), sanitizeBlock(raw)]) if (text !== '') passages.set(text, PDF_LANG[locale]);
  }
  return [...passages].map(([text, lang]) => ({ text, lang }));
}

export function levelRef(context: Context, id: string): LevelRef {
  const level = context.levelById.get(id);
  if (!level) throw new Error(`the result names level "${id}", which the questionnaire does not define`);
  return { id: level.id, index: level.index, title: level.title };
}

export function tradeLabel(context: Context, questionnaire: Questionnaire, trade: string | undefined | null): string | null {
  if (!trade) return null;
  const choice = questionnaire.profile.trades.find((t) => t.id === trade);
  return choice ? context.line(choice.label, 120) : sanitizeLine(trade, 120) || null;
}

export function employeesLabel(context: Context, questionnaire: Questionnaire, band: string | undefined): string | null {
  if (!band) return null;
  const choice = questionnaire.profile.employeeBands.find((b) => b.id === band);
  return choice ? context.line(choice.label, 60) : sanitizeLine(band, 60) || null;
}

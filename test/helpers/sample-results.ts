/**
 * Realistic answer sets for any questionnaire (written for handwerk-digital):
 * a weak, a middling and a strong business, each with its own profile of
 * strong and weak dimensions, scored with the real engine and catalogue.
 */
import {
  assess,
  type AnswerSet,
  type AnswerValue,
  type Answers,
  type Catalogue,
  type PeerBenchmark,
  type PreparedQuestionnaire,
  type Question,
  type Questionnaire,
  type ScoredResult,
} from '../../questionnaires/engine/index.ts';
import type { ReportInput } from '../../reports/build-report-model.ts';

export type SampleKind = 'weak' | 'middling' | 'strong';

/** The fixed "today" of every sample, so referrals never depend on the clock. */
export const SAMPLE_DATE = '2026-11-23';

/**
 * How far each business has come per dimension (0–1), by dimension position,
 * uneven on purpose so strengths and fields of action differ.
 */
const REACH: Record<SampleKind, readonly number[]> = {
  weak: [0.05, 0.25, 0.1, 0, 0.2, 0.1, 0.15],
  middling: [0.45, 0.75, 0.55, 0.3, 0.5, 0.65, 0.3],
  strong: [0.85, 0.95, 0.9, 0.75, 0.85, 1, 0.9],
};

const PROFILES: Record<SampleKind, { companyName: string; tradeHint: string; employeesHint: string; postcode: string }> = {
  weak: { companyName: 'Bäckerei Müßig', tradeHint: 'lebensmittel', employeesHint: '2-4', postcode: '45657' },
  middling: { companyName: 'Elektro Schäfer GmbH & Co. KG', tradeHint: 'elektro-metall', employeesHint: '5-9', postcode: '46236' },
  strong: { companyName: 'Tischlerei Özdemir – Holz & Design', tradeHint: 'holz-kunststoff', employeesHint: '10-19', postcode: '45879' },
};

const TEXTS: Record<SampleKind, string | null> = {
  weak: null,
  middling: 'Wir möchten Angebote und Rechnungen digital schreiben und die E-Rechnung einführen.',
  strong: 'Wir planen einen Online-Konfigurator für Möbel nach Maß.',
};

const closest = <T>(items: readonly T[], distance: (item: T) => number): T =>
  items.reduce((best, item) => (distance(item) < distance(best) ? item : best));

/** The answer that reaches about `reach` (0–1) of a question's best answer. */
export function answerReaching(question: Question, reach: number, text: string | null = null): AnswerValue | undefined {
  switch (question.type) {
    case 'single': {
      const best = Math.max(...question.options.map((o) => o.score), 0) || 1;
      return closest(question.options, (o) => Math.abs(o.score / best - reach)).id;
    }
    case 'multi': {
      const exclusive = question.options.find((o) => o.exclusive && o.score === 0);
      const candidates = question.options.filter((o) => !o.exclusive && o.score > 0);
      const max = question.maxScore ?? candidates.reduce((sum, o) => sum + o.score, 0);
      const chosen: string[] = [];
      let sum = 0;
      for (const option of candidates) {
        if (max > 0 && sum / max >= reach - 1e-9) break;
        chosen.push(option.id);
        sum += option.score;
      }
      if (chosen.length === 0 && exclusive) return [exclusive.id];
      return chosen;
    }
    case 'scale':
      return question.min + Math.round(reach * (question.max - question.min));
    case 'boolean': {
      const best = Math.max(question.scores.yes, question.scores.no) || 1;
      return Math.abs(question.scores.yes / best - reach) <= Math.abs(question.scores.no / best - reach);
    }
    case 'number': {
      const bands = question.scoreBands ?? [];
      if (bands.length === 0) return question.min;
      const best = Math.max(...bands.map((b) => b.score)) || 1;
      const band = closest(bands, (b) => Math.abs(b.score / best - reach));
      return Math.min(question.max, Math.max(question.min, band.atLeast));
    }
    case 'text':
      return text === null ? undefined : text.slice(0, question.maxLength);
  }
}

/** Answers every question (hidden ones too: the engine ignores what a business cannot see). */
export function sampleAnswers(prepared: PreparedQuestionnaire, kind: SampleKind): Answers {
  const dimensionIndex = new Map(prepared.definition.dimensions.map((d, i) => [d.id, i]));
  const answers: Answers = {};
  for (const { question, dimension } of prepared.questions) {
    const reach = REACH[kind][(dimensionIndex.get(dimension) ?? 0) % REACH[kind].length]!;
    const value = answerReaching(question, reach, TEXTS[kind]);
    if (value !== undefined) answers[question.id] = value;
  }
  return answers;
}

function pick(ids: Set<string>, hint: string): string {
  if (ids.has(hint)) return hint;
  const first = ids.values().next();
  if (first.done) throw new Error('the questionnaire offers no choice here');
  return first.value;
}

export function sampleAnswerSet(prepared: PreparedQuestionnaire, kind: SampleKind): AnswerSet {
  const profile = PROFILES[kind];
  return {
    questionnaireId: prepared.definition.id,
    version: prepared.definition.version,
    profile: {
      companyName: profile.companyName,
      trade: pick(prepared.tradeIds, profile.tradeHint),
      employees: pick(prepared.employeeBandIds, profile.employeesHint),
      postcode: profile.postcode,
    },
    answers: sampleAnswers(prepared, kind),
    relevance: {},
  };
}

/** A peer group of `groupSize` businesses, a little ahead of the middling business everywhere. */
export function sampleBenchmark(prepared: PreparedQuestionnaire, trade: string, groupSize = 38): PeerBenchmark {
  const dimensions = Object.fromEntries(prepared.definition.dimensions.map((d, i) => [d.id, [52, 61, 47, 35, 44, 58, 49][i % 7]!]));
  const values = Object.values(dimensions);
  return {
    trade,
    groupSize,
    overall: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10,
    dimensions,
  };
}

export interface SampleOptions {
  benchmark?: boolean;
  /** Score an earlier check of this kind first and compare with it. */
  previous?: SampleKind;
  today?: string;
}

export interface Sample {
  set: AnswerSet;
  result: ScoredResult;
}

export function assessSample(
  shipped: { prepared: PreparedQuestionnaire; catalogue: Catalogue },
  kind: SampleKind,
  options: SampleOptions = {},
): Sample {
  const { prepared, catalogue } = shipped;
  const today = options.today ?? SAMPLE_DATE;
  const set = sampleAnswerSet(prepared, kind);
  const previous = options.previous
    ? assess(prepared, { ...sampleAnswerSet(prepared, options.previous), profile: set.profile }, { catalogue, today })
    : null;
  const benchmark = options.benchmark ? sampleBenchmark(prepared, set.profile.trade!) : null;
  return { set, result: assess(prepared, set, { catalogue, today, benchmark, previous }) };
}

export const SAMPLE_OPERATOR = 'Handwerkskammer Emscher-Lippe (Beispiel)';
export const SAMPLE_RETAKE_URL = 'https://check.example.org/handwerk-digital?wieder=1';

/** The report input for a sample, as the server builds it: German, the sample date and operator. */
export function sampleReportInput(sample: Sample, questionnaire: Questionnaire, overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    result: sample.result,
    questionnaire,
    profile: sample.set.profile,
    locale: 'de',
    date: SAMPLE_DATE,
    operator: SAMPLE_OPERATOR,
    retakeUrl: SAMPLE_RETAKE_URL,
    answers: sample.set.answers,
    ...overrides,
  };
}

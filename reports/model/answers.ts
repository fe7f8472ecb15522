/**
 * The answers that helped a dimension most and those that cost most, with the
 * option the business chose named in words.
 */
import type { AnswerValue, Answers, Question, QuestionContribution, Questionnaire } from '../../questionnaires/engine/index.ts';
import { fillTemplate, sanitizeLine } from '../report-text.ts';
import type { Context } from './context.ts';

export interface AnswerItem {
  questionId: string;
  question: string;
  /** The option or value chosen, or null when it cannot be named. */
  answer: string | null;
  points: number;
  maxPoints: number;
  pointsText: string;
}

export function questionIndex(questionnaire: Questionnaire): Map<string, Question> {
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

export function answerItems(
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


/**
 * Which questions a business sees, given its answers and profile. Conditions
 * may only look at earlier questions, so one pass in document order settles
 * everything: an answer to a hidden question is ignored, and so is whatever
 * depended on it.
 */
import { evaluateCondition } from './conditions.ts';
import type { PreparedQuestionnaire, QuestionEntry } from './prepared.ts';
import type { AnswerValue, Answers, BusinessProfile } from './schema.ts';

export interface Visibility {
  /** Visible questions in document order. */
  visible: QuestionEntry[];
  /** Answers of visible questions only: what scoring and conditions see. */
  effectiveAnswers: Map<string, AnswerValue>;
}

export function resolveVisibility(
  prepared: PreparedQuestionnaire,
  answers: Answers,
  profile: BusinessProfile,
): Visibility {
  const visible: QuestionEntry[] = [];
  const effectiveAnswers = new Map<string, AnswerValue>();
  const context = { answers: effectiveAnswers, profile };
  for (const entry of prepared.questions) {
    const { question } = entry;
    if (question.visibleIf && !evaluateCondition(question.visibleIf, context)) continue;
    visible.push(entry);
    if (Object.hasOwn(answers, question.id)) effectiveAnswers.set(question.id, answers[question.id]!);
  }
  return { visible, effectiveAnswers };
}

/** Ids of the questions visible for these answers and this profile, in order. */
export function visibleQuestionIds(prepared: PreparedQuestionnaire, answers: Answers, profile: BusinessProfile): string[] {
  return resolveVisibility(prepared, answers, profile).visible.map((entry) => entry.question.id);
}

export interface Progress {
  /** Visible questions and required profile fields that have an answer. */
  answered: number;
  total: number;
  /** 0–100, whole numbers. */
  percent: number;
  /** Required and visible but still open: question ids and `profile.<field>`. */
  requiredOpen: string[];
}

/** Progress counts only what the business can see, so it never jumps backwards for hidden questions. */
export function progressOf(prepared: PreparedQuestionnaire, answers: Answers, profile: BusinessProfile): Progress {
  const { visible, effectiveAnswers } = resolveVisibility(prepared, answers, profile);
  const requiredOpen: string[] = [];
  let answered = 0;
  let total = 0;
  for (const field of prepared.profileFields) {
    if (!field.required) continue;
    total += 1;
    if (profile[field.field] !== undefined) answered += 1;
    else requiredOpen.push(`profile.${field.field}`);
  }
  for (const { question } of visible) {
    total += 1;
    if (effectiveAnswers.has(question.id)) answered += 1;
    else if (question.required) requiredOpen.push(question.id);
  }
  return { answered, total, percent: total === 0 ? 100 : Math.floor((answered / total) * 100), requiredOpen };
}

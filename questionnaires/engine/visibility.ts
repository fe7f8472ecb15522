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
  /** Required items done: required profile fields, and required questions with their required follow-ups. */
  answered: number;
  /** Required items: stays put as follow-ups appear (they count with the question they follow). */
  total: number;
  /** 0–100, whole numbers; 100 only when nothing required is open. */
  percent: number;
  /** Required and visible but still open: question ids and `profile.<field>`. */
  requiredOpen: string[];
}

/**
 * How far a business is, counted in required items only: optional questions
 * and fields never hold it back, and a follow-up that an answer reveals
 * belongs to the question it follows, so the total does not grow under the
 * business's hands. The total changes only with the profile (trade-specific
 * questions, no team questions for a one-person business), which comes first.
 */
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
  const items: string[] = [];
  const open = new Set<string>();
  for (const { question } of visible) {
    const missing = question.required && !effectiveAnswers.has(question.id);
    if (missing) requiredOpen.push(question.id);
    const root = prepared.followUpOf.get(question.id);
    if (root === undefined && question.required) items.push(question.id);
    if (missing) open.add(root ?? question.id);
  }
  total += items.length;
  answered += items.filter((id) => !open.has(id)).length;
  // A required follow-up of an optional question has no item of its own; it still keeps the end from being reached.
  if (requiredOpen.length > 0 && answered === total) answered = total - 1;
  return { answered, total, percent: total === 0 ? 100 : Math.floor((answered / total) * 100), requiredOpen };
}

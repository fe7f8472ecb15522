/**
 * Evaluates JSON conditions against a plain answers map and profile, in the
 * spirit of json-logic: data in, boolean out, nothing evaluated as code.
 */
import type { AnswerValue, BusinessProfile, Condition } from './schema.ts';

export interface ConditionContext {
  /** Effective answers: only those of visible questions. */
  answers: ReadonlyMap<string, AnswerValue>;
  profile: BusinessProfile;
  /** Scored dimensions, for recommendation rules: score and level position. */
  dimensions?: ReadonlyMap<string, { score: number; levelIndex: number }>;
  levelIndex?: ReadonlyMap<string, number>;
}

export function evaluateCondition(condition: Condition, context: ConditionContext): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, context));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, context));
  if ('not' in condition) return !evaluateCondition(condition.not, context);
  if ('dimension' in condition) return evaluateDimensionCondition(condition, context);

  const value: unknown =
    'question' in condition ? context.answers.get(condition.question) : profileValue(context.profile, condition.profile);
  if ('answered' in condition) return (value !== undefined) === condition.answered;
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return condition.in.some((candidate) => candidate === value);
  if ('includes' in condition) return Array.isArray(value) && value.includes(condition.includes);
  if ('greaterThan' in condition) return typeof value === 'number' && value > condition.greaterThan;
  if ('lessThan' in condition) return typeof value === 'number' && value < condition.lessThan;
  return false;
}

function profileValue(profile: BusinessProfile, field: keyof BusinessProfile): unknown {
  return Object.hasOwn(profile, field) ? profile[field] : undefined;
}

function evaluateDimensionCondition(
  condition: Extract<Condition, { dimension: string }>,
  context: ConditionContext,
): boolean {
  const scored = context.dimensions?.get(condition.dimension);
  if (!scored) return false;
  if ('scoreBelow' in condition) return scored.score < condition.scoreBelow;
  const limit = context.levelIndex?.get(condition.atOrBelowLevel);
  return limit !== undefined && scored.levelIndex <= limit;
}

/** Every question id a condition reads, for static checks and ranking. */
export function referencedQuestions(condition: Condition, into: string[] = []): string[] {
  if ('all' in condition) condition.all.forEach((c) => referencedQuestions(c, into));
  else if ('any' in condition) condition.any.forEach((c) => referencedQuestions(c, into));
  else if ('not' in condition) referencedQuestions(condition.not, into);
  else if ('question' in condition) into.push(condition.question);
  return into;
}

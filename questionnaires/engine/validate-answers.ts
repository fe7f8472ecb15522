/**
 * Checks answers against their questions: type, known options, ranges, and —
 * when a check is submitted — that every required visible question has one.
 */
import { type Issue, type Result, fromZodIssues, issue, prototypeKeyIssues } from './issues.ts';
import type { PreparedQuestionnaire } from './prepared.ts';
import { NOT_APPLICABLE } from './not-applicable.ts';
import { AnswerSet, type AnswerValue, type BusinessProfile, type Question } from './schema.ts';
import { progressOf } from './visibility.ts';

/** Why an answer does not fit its question; the code is stable, the message English. */
export type AnswerProblemCode =
  | 'not-applicable-not-offered'
  | 'wrong-type'
  | 'unknown-option'
  | 'duplicate-option'
  | 'exclusive-option'
  | 'out-of-range'
  | 'too-long';

export interface AnswerProblem {
  code: AnswerProblemCode;
  message: string;
}

const problem = (code: AnswerProblemCode, message: string): AnswerProblem => ({ code, message });

/** The problem with one answer to one question, or `null` when it is fine. */
export function answerProblem(question: Question, value: AnswerValue): AnswerProblem | null {
  if (value === NOT_APPLICABLE && question.type !== 'text') {
    return question.notApplicable ? null : problem('not-applicable-not-offered', '"not applicable" is not offered for this question');
  }
  switch (question.type) {
    case 'single':
      if (typeof value !== 'string') return problem('wrong-type', 'expected one option id');
      return question.options.some((o) => o.id === value) ? null : problem('unknown-option', `unknown option "${value}"`);
    case 'multi': {
      if (!Array.isArray(value)) return problem('wrong-type', 'expected a list of option ids');
      const seen = new Set<string>();
      for (const id of value) {
        const option = question.options.find((o) => o.id === id);
        if (!option) return problem('unknown-option', `unknown option "${id}"`);
        if (seen.has(id)) return problem('duplicate-option', `option "${id}" is chosen twice`);
        if (option.exclusive && value.length > 1) return problem('exclusive-option', `option "${id}" cannot be combined with others`);
        seen.add(id);
      }
      return null;
    }
    case 'scale':
      if (typeof value !== 'number' || !Number.isInteger(value)) return problem('wrong-type', 'expected a whole number');
      return value < question.min || value > question.max ? problem('out-of-range', `must be between ${question.min} and ${question.max}`) : null;
    case 'boolean':
      return typeof value === 'boolean' ? null : problem('wrong-type', 'expected true or false');
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return problem('wrong-type', 'expected a number');
      if (question.integer && !Number.isInteger(value)) return problem('wrong-type', 'expected a whole number');
      return value < question.min || value > question.max ? problem('out-of-range', `must be between ${question.min} and ${question.max}`) : null;
    case 'text':
      if (typeof value !== 'string') return problem('wrong-type', 'expected a text');
      return value.length > question.maxLength ? problem('too-long', `must be at most ${question.maxLength} characters`) : null;
  }
}

/** The message of `answerProblem`, or `null` when the answer is fine. */
export function checkAnswer(question: Question, value: AnswerValue): string | null {
  return answerProblem(question, value)?.message ?? null;
}

/** Trade and employee band must be ids the questionnaire defines. */
export function checkProfile(prepared: PreparedQuestionnaire, profile: BusinessProfile): Issue[] {
  const issues: Issue[] = [];
  if (profile.trade !== undefined && !prepared.tradeIds.has(profile.trade)) {
    issues.push(issue('unknown-trade', ['profile', 'trade'], `unknown trade "${profile.trade}"`));
  }
  if (profile.employees !== undefined && !prepared.employeeBandIds.has(profile.employees)) {
    issues.push(issue('unknown-employee-band', ['profile', 'employees'], `unknown employee band "${profile.employees}"`));
  }
  return issues;
}

/** Per-answer problems: unknown questions, wrong types, relevance where none is asked. */
export function checkAnswers(
  prepared: PreparedQuestionnaire,
  answers: Readonly<Record<string, AnswerValue>>,
  relevance: Readonly<Record<string, number>> = {},
): Issue[] {
  const issues: Issue[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const entry = prepared.questionById.get(id);
    if (!entry) {
      issues.push(issue('unknown-question', ['answers', id], `unknown question "${id}"`));
      continue;
    }
    const found = answerProblem(entry.question, value);
    if (found) issues.push(issue(found.code, ['answers', id], found.message));
  }
  for (const id of Object.keys(relevance)) {
    const entry = prepared.questionById.get(id);
    if (!entry) issues.push(issue('unknown-question', ['relevance', id], `unknown question "${id}"`));
    else if (!entry.question.relevance) issues.push(issue('relevance-not-asked', ['relevance', id], 'this question does not ask for relevance'));
  }
  return issues;
}

export interface ValidateOptions {
  /** Also require every required visible question and profile field (on submit). */
  complete?: boolean;
}

/**
 * Parses and checks a whole answer set from outside. Answers to hidden
 * questions are kept (they come back if the question reappears) but never scored.
 */
export function validateAnswerSet(
  prepared: PreparedQuestionnaire,
  input: unknown,
  options: ValidateOptions = {},
): Result<AnswerSet> {
  const protoKeys = prototypeKeyIssues(input);
  if (protoKeys.length) return { ok: false, issues: protoKeys };
  const parsed = AnswerSet.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues) };
  const set = parsed.data;
  const { definition } = prepared;
  const issues: Issue[] = [];
  if (set.questionnaireId !== definition.id) {
    issues.push(issue('wrong-questionnaire', ['questionnaireId'], `expected "${definition.id}"`));
  }
  if (set.version !== definition.version) {
    issues.push(issue('wrong-version', ['version'], `expected "${definition.version}"`));
  }
  issues.push(...checkProfile(prepared, set.profile), ...checkAnswers(prepared, set.answers, set.relevance));
  if (options.complete && issues.length === 0) issues.push(...missingRequired(prepared, set));
  return issues.length ? { ok: false, issues } : { ok: true, value: set };
}

/** Required and visible, but unanswered: what still stands between a draft and a result. */
export function missingRequired(prepared: PreparedQuestionnaire, set: Pick<AnswerSet, 'answers' | 'profile'>): Issue[] {
  return progressOf(prepared, set.answers, set.profile).requiredOpen.map((open) =>
    open.startsWith('profile.')
      ? issue('required', ['profile', open.slice('profile.'.length)], 'is required')
      : issue('required', ['answers', open], 'is required'),
  );
}

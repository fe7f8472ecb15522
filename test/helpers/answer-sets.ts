/**
 * Deterministic, complete answer sets for any questionnaire: a weak, a
 * middling and a strong business. Answers follow visibility, so follow-up
 * and trade questions are answered exactly when the business would see them.
 */
import type { AnswerSet, AnswerValue, PreparedQuestionnaire, Question } from '../../questionnaires/engine/index.ts';
import { resolveVisibility } from '../../questionnaires/engine/index.ts';

export type Strength = 'weak' | 'middling' | 'strong';

function pick<T>(sorted: readonly T[], strength: Strength): T {
  const index = strength === 'weak' ? 0 : strength === 'strong' ? sorted.length - 1 : Math.floor((sorted.length - 1) / 2);
  return sorted[index]!;
}

export function answerFor(question: Question, strength: Strength): AnswerValue {
  switch (question.type) {
    case 'single':
      return pick([...question.options].sort((a, b) => a.score - b.score), strength).id;
    case 'multi': {
      const positive = question.options.filter((o) => !o.exclusive && o.score > 0).map((o) => o.id);
      const none = question.options.find((o) => o.exclusive);
      if (strength === 'weak') return none ? [none.id] : [];
      return strength === 'strong' ? positive : positive.slice(0, Math.ceil(positive.length / 2));
    }
    case 'scale':
      return strength === 'weak' ? question.min : strength === 'strong' ? question.max : Math.round((question.min + question.max) / 2);
    case 'boolean':
      return strength !== 'weak';
    case 'number':
      return strength === 'weak' ? question.min : strength === 'strong' ? Math.min(question.max, 50) : Math.min(question.max, 5);
    case 'text':
      return strength === 'weak' ? 'Wir wissen noch nicht, wo wir anfangen sollen.' : 'Digitale Zeiterfassung für alle Baustellen.';
  }
}

export function completeAnswerSet(
  prepared: PreparedQuestionnaire,
  strength: Strength,
  profile: AnswerSet['profile'] = { trade: [...prepared.tradeIds][0], employees: [...prepared.employeeBandIds][2] ?? [...prepared.employeeBandIds][0], postcode: '46236', companyName: 'Tischlerei Muster' },
): AnswerSet & { answers: Record<string, AnswerValue> } {
  const answers: Record<string, AnswerValue> = {};
  // Answer in document order, re-resolving visibility as answers appear.
  for (const { question } of prepared.questions) {
    const visible = resolveVisibility(prepared, answers, profile).visible.some((e) => e.question.id === question.id);
    if (visible) answers[question.id] = answerFor(question, strength);
  }
  const rating = strength === 'weak' ? 5 : strength === 'middling' ? 4 : 3;
  const relevance = Object.fromEntries(
    prepared.questions.filter((e) => e.question.relevance && Object.hasOwn(answers, e.question.id)).map((e) => [e.question.id, rating]),
  );
  return { questionnaireId: prepared.definition.id, version: prepared.definition.version, profile: { ...profile }, answers, relevance };
}

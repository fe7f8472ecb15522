/** fast-check generators of valid answer sets for any prepared questionnaire. */
import fc from 'fast-check';
import type { AnswerValue, PreparedQuestionnaire, Question } from '../../questionnaires/engine/index.ts';

export function validAnswer(question: Question): fc.Arbitrary<AnswerValue> {
  const na: fc.Arbitrary<AnswerValue>[] = question.notApplicable ? [fc.constant('n/a')] : [];
  switch (question.type) {
    case 'single':
      return fc.oneof(fc.constantFrom(...question.options.map((o) => o.id)), ...na);
    case 'multi': {
      const exclusive = question.options.filter((o) => o.exclusive).map((o) => [o.id]);
      const others = question.options.filter((o) => !o.exclusive).map((o) => o.id);
      return fc.oneof(fc.subarray(others), ...exclusive.map((e) => fc.constant(e)), ...na);
    }
    case 'scale':
      return fc.oneof(fc.integer({ min: question.min, max: question.max }), ...na);
    case 'boolean':
      return fc.oneof(fc.boolean(), ...na);
    case 'number':
      return fc.oneof(
        question.integer
          ? fc.integer({ min: Math.ceil(question.min), max: Math.floor(Math.min(question.max, 1e9)) })
          : fc.double({ min: question.min, max: question.max, noNaN: true }),
        ...na,
      );
    case 'text':
      return fc.string({ maxLength: Math.min(question.maxLength, 50) });
  }
}

/** Answers to any subset of questions, visible or not, plus relevance ratings and a profile. */
export function answerSetArbitrary(prepared: PreparedQuestionnaire) {
  const answers = fc.record(
    Object.fromEntries(prepared.questions.map(({ question }) => [question.id, validAnswer(question)])),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, AnswerValue>>;
  const relevanceIds = prepared.questions.filter(({ question }) => question.relevance).map(({ question }) => question.id);
  const relevance = fc.record(Object.fromEntries(relevanceIds.map((id) => [id, fc.integer({ min: 1, max: 5 })])), {
    requiredKeys: [],
  }) as fc.Arbitrary<Record<string, number>>;
  const profile = fc.record(
    {
      trade: fc.constantFrom(...prepared.tradeIds),
      employees: fc.constantFrom(...prepared.employeeBandIds),
      postcode: fc.stringMatching(/^\d{5}$/),
    },
    { requiredKeys: [] },
  );
  return fc.record({
    questionnaireId: fc.constant(prepared.definition.id),
    version: fc.constant(prepared.definition.version),
    answers,
    relevance,
    profile,
  });
}

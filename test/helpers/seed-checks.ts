/**
 * Submitted checks as a chamber collects them: mixed answers (each question
 * answered weak, middling or strong at random, following visibility), online
 * through the API or as a scout's visit through the service, in a chosen
 * month. Returns what each business really scored, for the tests to compare
 * against.
 */
import type { FastifyInstance } from 'fastify';
import type { AnswerSet, AnswerValue, PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
import { resolveVisibility } from '../../questionnaires/engine/index.ts';
import { type Strength, answerFor } from './answer-sets.ts';
import { submitAnswerSet } from './api-client.ts';

export interface SeedCheck {
  trade?: string;
  employees?: string;
  postcode?: string;
  channel?: 'online' | 'visit';
  /** `YYYY-MM` */
  month: string;
}

export interface SeededCheck extends SeedCheck {
  overall: number;
  /** Per dimension the score, or null where the dimension had no basis. */
  dimensions: Record<string, number | null>;
  level: string;
}

/** A deterministic pseudo-random sequence (LCG), so a seed gives the same chamber every run. */
export function randomSequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

export function mixedAnswerSet(prepared: PreparedQuestionnaire, profile: AnswerSet['profile'], random: () => number): AnswerSet {
  const strengths: Strength[] = ['weak', 'middling', 'strong'];
  const answers: Record<string, AnswerValue> = {};
  for (const { question } of prepared.questions) {
    const visible = resolveVisibility(prepared, answers, profile).visible.some((e) => e.question.id === question.id);
    if (visible) answers[question.id] = answerFor(question, strengths[Math.floor(random() * 3)]!);
  }
  const relevance = Object.fromEntries(
    prepared.questions.filter((e) => e.question.relevance && Object.hasOwn(answers, e.question.id)).map((e) => [e.question.id, 1 + Math.floor(random() * 5)]),
  );
  return { questionnaireId: prepared.definition.id, version: prepared.definition.version, profile, answers, relevance };
}

/**
 * Submits the checks in order, on `prepared`'s version (not the server's latest, which
 * may be newer); `setMonth` moves the app's clock (the test app's `now`).
 */
export async function seedChecks(
  app: () => FastifyInstance,
  prepared: PreparedQuestionnaire,
  checks: readonly SeedCheck[],
  setMonth: (month: string) => void,
  seed = 1,
): Promise<SeededCheck[]> {
  const random = randomSequence(seed);
  const seeded: SeededCheck[] = [];
  for (const check of checks) {
    setMonth(check.month);
    const profile: AnswerSet['profile'] = {
      ...(check.trade ? { trade: check.trade } : {}),
      ...(check.employees ? { employees: check.employees } : {}),
      ...(check.postcode ? { postcode: check.postcode } : {}),
    };
    const set = mixedAnswerSet(prepared, profile, random);
    let result: { overall: { score: number; level: string }; dimensions: { id: string; score: number; hasBasis: boolean }[] };
    if (check.channel === 'visit') {
      // A scout's visit: the same service the sync route drives, with the visit channel.
      const service = app().assessments;
      const { record, resumeCode } = await service.create({ questionnaireId: prepared.definition.id, version: prepared.definition.version, channel: 'visit' });
      await service.patch(record, { revision: record.revision, profile: set.profile, answers: set.answers, relevance: set.relevance });
      result = (await service.submit(await service.authorize(record.id, resumeCode))).result;
    } else {
      result = (await submitAnswerSet(app(), set, { questionnaireId: prepared.definition.id, version: prepared.definition.version })).result.result;
    }
    seeded.push({
      ...check,
      overall: result.overall.score,
      level: result.overall.level,
      dimensions: Object.fromEntries(result.dimensions.map((d) => [d.id, d.hasBasis ? d.score : null])),
    });
  }
  return seeded;
}

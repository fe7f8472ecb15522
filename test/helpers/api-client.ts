/** Small wrappers over app.inject for the assessment API, so tests read like the journey. */
import type { FastifyInstance } from 'fastify';
import type { AnswerSet } from '../../questionnaires/engine/index.ts';

export interface Created {
  id: string;
  resumeCode: string;
  questionnaireId: string;
  version: string;
  revision: number;
}

export async function createAssessment(app: FastifyInstance, body: Record<string, unknown> = { questionnaireId: 'handwerk-digital' }): Promise<Created> {
  const response = await app.inject({ method: 'POST', url: '/api/assessments', payload: body });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

export function patchAssessment(app: FastifyInstance, created: Pick<Created, 'id' | 'resumeCode'>, payload: Record<string, unknown>) {
  return app.inject({ method: 'PATCH', url: `/api/assessments/${created.id}`, headers: { 'x-resume-code': created.resumeCode }, payload });
}

export function getAssessment(app: FastifyInstance, created: Pick<Created, 'id' | 'resumeCode'>) {
  return app.inject({ method: 'GET', url: `/api/assessments/${created.id}`, headers: { 'x-resume-code': created.resumeCode } });
}

export function submitAssessment(app: FastifyInstance, created: Pick<Created, 'id' | 'resumeCode'>) {
  return app.inject({ method: 'POST', url: `/api/assessments/${created.id}/submit`, headers: { 'x-resume-code': created.resumeCode } });
}

/** Creates a check, saves a whole answer set in one PATCH and submits it. */
export async function submitAnswerSet(app: FastifyInstance, set: Pick<AnswerSet, 'profile' | 'answers' | 'relevance'>, body?: Record<string, unknown>) {
  const created = await createAssessment(app, body);
  const patched = await patchAssessment(app, created, { revision: 0, profile: set.profile, answers: set.answers, relevance: set.relevance });
  if (patched.statusCode !== 200) throw new Error(`patch failed: ${patched.body}`);
  const submitted = await submitAssessment(app, created);
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`);
  return { created, result: submitted.json() };
}

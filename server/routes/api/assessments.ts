/** The assessment lifecycle over HTTP. Access to one check needs its resume code. */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssessmentIdParams,
  CreateAssessmentBody,
  PatchAssessmentBody,
  ResumeBody,
  ResumeCodeHeader,
} from '../../assessments/assessment-schemas.ts';
import { assertCsrf } from '../../plugins/auth.ts';

export interface AssessmentRouteOptions {
  /** Requests per minute and client. */
  createPerMinute: number;
  resumePerMinute: number;
  /** Resume attempts per minute from everyone together, against distributed guessing. */
  resumeGlobalPerMinute: number;
}

const security: Record<string, string[]>[] = [{ resumeCode: [] }, { session: [] }];

export const assessmentRoutes: FastifyPluginAsyncZod<AssessmentRouteOptions> = async (app, limits) => {
  /**
   * The resume code opens a check; without one, a session may: staff and
   * admins (every view audited, state changes need the CSRF token) and the
   * scout whose visit it is.
   */
  const authorized = (request: FastifyRequest & { params: { id: string }; headers: { 'x-resume-code'?: string } }) => {
    const code = request.headers['x-resume-code'];
    if (code !== undefined || !request.user) return app.assessments.authorize(request.params.id, code);
    assertCsrf(request);
    const record = app.assessments.authorizeUser(request.params.id, request.user);
    if (request.user.role !== 'scout') app.audit(request, 'assessment.view', record.id, { method: request.method, route: request.routeOptions.url });
    return record;
  };

  app.post(
    '/api/assessments',
    {
      config: { rateLimit: { max: limits.createPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['assessments'],
        summary: 'Start a check (or a re-assessment of an earlier one)',
        body: CreateAssessmentBody,
        response: {
          201: z.object({ id: z.uuid(), resumeCode: z.string(), questionnaireId: z.string(), version: z.string(), revision: z.number(), isReassessment: z.boolean() }),
        },
      },
    },
    async (request, reply) => {
      const { record, resumeCode } = app.assessments.create(request.body);
      reply.status(201);
      return {
        id: record.id,
        resumeCode,
        questionnaireId: record.questionnaireId,
        version: record.version,
        revision: record.revision,
        isReassessment: record.previousRowId !== null,
      };
    },
  );

  app.get(
    '/api/assessments/:id',
    { schema: { tags: ['assessments'], summary: 'The current state of a check', params: AssessmentIdParams, headers: ResumeCodeHeader, security } },
    async (request) => app.assessments.view(authorized(request)),
  );

  app.patch(
    '/api/assessments/:id',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Autosave: merge profile fields, answers and relevance ratings (null clears one)',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        body: PatchAssessmentBody,
        security,
      },
    },
    async (request) => app.assessments.patch(authorized(request), request.body),
  );

  app.post(
    '/api/assessments/:id/submit',
    {
      schema: { tags: ['assessments'], summary: 'Score and store the result (idempotent)', params: AssessmentIdParams, headers: ResumeCodeHeader, security },
    },
    async (request) => app.assessments.submit(authorized(request)),
  );

  app.get(
    '/api/assessments/:id/result',
    { schema: { tags: ['assessments'], summary: 'The stored result', params: AssessmentIdParams, headers: ResumeCodeHeader, security } },
    async (request) => app.assessments.result(authorized(request)),
  );

  app.post(
    '/api/resume',
    {
      onRequest: [
        app.rateLimit({ max: limits.resumePerMinute, timeWindow: 60_000 }),
        app.rateLimit({ max: limits.resumeGlobalPerMinute, timeWindow: 60_000, keyGenerator: () => 'everyone' }),
      ],
      schema: { tags: ['assessments'], summary: 'Find a check by its resume code', body: ResumeBody },
    },
    async (request) => {
      const record = app.assessments.resume(request.body.resumeCode);
      return { id: record.id, status: record.status };
    },
  );
};

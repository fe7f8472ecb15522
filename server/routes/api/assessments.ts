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
import { Locale } from '../../../questionnaires/engine/index.ts';
import { buildReportModel } from '../../../reports/build-report-model.ts';
import { createAttemptLimiter } from '../../auth/attempt-limiter.ts';
import type { AssessmentRecord } from '../../db/assessment-repository.ts';
import { HttpProblem } from '../../errors.ts';
import { assertCsrf } from '../../plugins/auth.ts';

export interface AssessmentRouteOptions {
  /** Checks started per minute and client. */
  createPerMinute: number;
  /** Wrong resume codes per minute and client (POST /api/resume and x-resume-code alike). */
  resumePerMinute: number;
  /** Wrong resume codes per minute from everyone together, against guessing from many addresses. */
  resumeGlobalPerMinute: number;
}

const security: Record<string, string[]>[] = [{ resumeCode: [] }, { session: [] }];

/** `procheck-bericht-baeckerei-korn-2026-11-23.pdf`: ASCII only, so every browser keeps the name. */
export function reportFileName(companyName: string | undefined, submittedAt: string, locale: 'de' | 'en'): string {
  const slug = (companyName ?? '')
    .toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `procheck-${locale === 'en' ? 'report' : 'bericht'}${slug ? `-${slug}` : ''}-${submittedAt.slice(0, 10)}.pdf`;
}

export const assessmentRoutes: FastifyPluginAsyncZod<AssessmentRouteOptions> = async (app, limits) => {
  /**
   * The resume code opens a check; without one, a session may: staff and
   * admins (every view audited, state changes need the CSRF token) and the
   * scout whose visit it is.
   */
  // Every wrong code counts as a guess; past the limits, codes are not even checked.
  const guesses = {
    perClient: createAttemptLimiter({ maxFailures: limits.resumePerMinute, windowMs: 60_000, now: Date.now }),
    everyone: createAttemptLimiter({ maxFailures: limits.resumeGlobalPerMinute, windowMs: 60_000, now: Date.now }),
  };
  const guarded = <T>(request: FastifyRequest, check: () => T): T => {
    if (!guesses.perClient.allowed(request.ip) || !guesses.everyone.allowed('everyone')) {
      throw new HttpProblem(429, 'too many wrong resume codes; try again in a minute');
    }
    try {
      return check();
    } catch (error) {
      if (error instanceof HttpProblem && (error.statusCode === 403 || error.statusCode === 404)) {
        guesses.perClient.recordFailure(request.ip);
        guesses.everyone.recordFailure('everyone');
      }
      throw error;
    }
  };

  const authorized = (request: FastifyRequest & { params: { id: string }; headers: { 'x-resume-code'?: string } }) => {
    const code = request.headers['x-resume-code'];
    if (code !== undefined || !request.user) return guarded(request, () => app.assessments.authorize(request.params.id, code));
    assertCsrf(request);
    const record = app.assessments.authorizeUser(request.params.id, request.user);
    if (request.user.role !== 'scout') app.audit(request, 'assessment.view', record.id, { method: request.method, route: request.routeOptions.url });
    return record;
  };

  // A visit's answers carry versions from the tablet and change only through POST /api/sync.
  const notAVisit = (record: AssessmentRecord) => {
    if (record.channel === 'visit' && record.status === 'draft') throw new HttpProblem(409, 'a visit changes through POST /api/sync');
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
    async (request) => app.assessments.patch(notAVisit(authorized(request)), request.body),
  );

  app.post(
    '/api/assessments/:id/submit',
    {
      schema: { tags: ['assessments'], summary: 'Score and store the result (idempotent)', params: AssessmentIdParams, headers: ResumeCodeHeader, security },
    },
    async (request) => app.assessments.submit(notAVisit(authorized(request))),
  );

  app.get(
    '/api/assessments/:id/result',
    { schema: { tags: ['assessments'], summary: 'The stored result', params: AssessmentIdParams, headers: ResumeCodeHeader, security } },
    async (request) => app.assessments.result(authorized(request)),
  );

  app.get(
    '/api/assessments/:id/report.pdf',
    {
      schema: {
        tags: ['assessments'],
        summary: 'The PDF report of a submitted check (German by default); scouts and staff may include the visit notes',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        querystring: z.strictObject({
          locale: Locale.default('de'),
          notes: z.enum(['true', 'false']).default('false').describe("Include a visit's notes (scouts and staff only)"),
        }),
        security,
      },
    },
    async (request, reply) => {
      const record = authorized(request);
      const { result, submittedAt } = app.assessments.result(record);
      const prepared = app.questionnaires.get(record.questionnaireId, record.version);
      if (!prepared) throw new HttpProblem(409, `questionnaire ${record.questionnaireId} ${record.version} is no longer installed`);
      // Notes are for staff and scouts; a business with its resume code never gets them.
      const withNotes = request.query.notes === 'true' && request.user !== null && request.headers['x-resume-code'] === undefined;
      const model = buildReportModel({
        result,
        questionnaire: prepared.definition,
        profile: record.profile,
        answers: record.answers,
        locale: request.query.locale,
        date: submittedAt.slice(0, 10),
        operator: app.reportOperator,
        // The re-check link starts a re-assessment linked to this check; the token sits in the fragment, out of server logs.
        retakeUrl: `${request.protocol}://${request.host}/wiederholen/${record.id}#${app.assessments.retakeTokenOf(record)}`,
        notes: withNotes ? app.visits.notesFor(record) : undefined,
      });
      const pdf = await app.reports.render(model);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${reportFileName(record.profile.companyName, submittedAt, request.query.locale)}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.post(
    '/api/resume',
    {
      schema: { tags: ['assessments'], summary: 'Find a check by its resume code', body: ResumeBody },
    },
    async (request) => {
      const record = guarded(request, () => app.assessments.resume(request.body.resumeCode));
      return { id: record.id, status: record.status };
    },
  );
};

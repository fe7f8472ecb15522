/** The assessment lifecycle over HTTP. Access to one check needs its resume code. */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssessmentIdParams,
  AssessmentState,
  CreateAssessmentBody,
  CreatedAssessment,
  PatchAssessmentBody,
  ReportQuery,
  ResultDocument,
  ResumeBody,
  ResumeCodeHeader,
  ResumeFound,
} from '../../../api/assessments.ts';
import type { ProblemCode } from '../../../api/problem-codes.ts';
import { buildReportModel } from '../../../reports/build-report-model.ts';
import { reportFileName } from '../../../reports/report-file-name.ts';
import type { AssessmentRecord } from '../../db/assessment-repository.ts';
import { BODY_REFUSALS, ProblemError, refusals } from '../../errors.ts';
import { assertCsrf } from '../../plugins/auth.ts';

export interface AssessmentRouteOptions {
  /** Checks started per minute and client. */
  createPerMinute: number;
}

const security: Record<string, string[]>[] = [{ resumeCode: [] }, { session: [] }];

/** Who may open one check: its resume code (guesses throttled), or a session (staff and admins audited, a scout their own visits). */
const ACCESS_REFUSALS = [
  'request.invalid',
  'resume-code.required',
  'resume-code.wrong',
  'resume-code.too-many-wrong',
  'assessment.not-found',
  'assessment.other-scout',
] as const satisfies readonly ProblemCode[];
/** … and a session's state change needs its CSRF token. */
const WRITE_ACCESS_REFUSALS = [...ACCESS_REFUSALS, 'auth.csrf-missing', 'auth.cross-site', 'auth.role-required'] as const satisfies readonly ProblemCode[];

export const assessmentRoutes: FastifyPluginAsyncZod<AssessmentRouteOptions> = async (app, limits) => {
  /**
   * The resume code opens a check; without one, a session may: staff and
   * admins read (every view audited), and the scout whose visit it is (state
   * changes need the CSRF token).
   */
  const authorized = (request: FastifyRequest & { params: { id: string }; headers: { 'x-resume-code'?: string } }, access: 'read' | 'write' = 'read') => {
    const code = request.headers['x-resume-code'];
    if (code !== undefined || !request.user) return app.resumeGuesses.check(request.ip, () => app.assessments.authorize(request.params.id, code));
    assertCsrf(request);
    // Staff read; businesses write: only the code's holder or the visit's scout changes answers.
    if (access === 'write' && request.user.role !== 'scout') throw new ProblemError('auth.role-required', 'only the business (its resume code) or the visit’s scout changes a check');
    const record = app.assessments.authorizeUser(request.params.id, request.user);
    if (request.user.role !== 'scout') app.audit(request, 'assessment.view', record.id, { method: request.method, route: request.routeOptions.url });
    return record;
  };

  // A visit's answers carry versions from the tablet and change only through POST /api/sync.
  const notAVisit = (record: AssessmentRecord) => {
    if (record.channel === 'visit' && record.status === 'draft') throw new ProblemError('assessment.visit-via-sync', 'a visit changes through POST /api/sync');
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
          201: CreatedAssessment,
          ...refusals([...BODY_REFUSALS, 'questionnaire.unknown', 'assessment.unknown-previous', 'rate-limited', 'resume-code.too-many-wrong']),
        },
      },
    },
    async (request, reply) => {
      const create = () => app.assessments.create(request.body);
      // An earlier check's code (or its re-check token) is a secret too: a wrong one counts as a guess.
      const namesEarlier = request.body.previousResumeCode !== undefined || request.body.previous !== undefined;
      const { record, resumeCode } = namesEarlier ? app.resumeGuesses.check(request.ip, create) : create();
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
    {
      schema: {
        tags: ['assessments'],
        summary: 'The current state of a check',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        security,
        response: { 200: AssessmentState, ...refusals([...ACCESS_REFUSALS, 'questionnaire.not-installed']) },
      },
    },
    async (request) => app.assessments.view(authorized(request)),
  );

  app.patch(
    '/api/assessments/:id',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Autosave: merge profile fields, answers and relevance ratings (null clears one)',
        description: 'A stale revision or a submitted check answers 409 with the check as stored in `current`.',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        body: PatchAssessmentBody,
        security,
        response: {
          200: AssessmentState,
          ...refusals(
            [
              ...BODY_REFUSALS,
              ...WRITE_ACCESS_REFUSALS,
              'assessment.invalid-answers',
              'assessment.revision-conflict',
              'assessment.already-submitted',
              'assessment.visit-via-sync',
              'questionnaire.not-installed',
            ],
            { 409: { current: AssessmentState.optional().describe('The check as stored now (revision conflict, already submitted)') } },
          ),
        },
      },
    },
    async (request) => app.assessments.patch(notAVisit(authorized(request, 'write')), request.body),
  );

  app.post(
    '/api/assessments/:id/submit',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Score and store the result (idempotent)',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        security,
        response: {
          200: ResultDocument,
          ...refusals([...BODY_REFUSALS, ...WRITE_ACCESS_REFUSALS, 'assessment.incomplete', 'assessment.visit-via-sync', 'questionnaire.not-installed']),
        },
      },
    },
    async (request) => app.assessments.submit(notAVisit(authorized(request, 'write'))),
  );

  app.get(
    '/api/assessments/:id/result',
    {
      schema: {
        tags: ['assessments'],
        summary: 'The stored result',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        security,
        response: { 200: ResultDocument, ...refusals([...ACCESS_REFUSALS, 'assessment.not-submitted']) },
      },
    },
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
        querystring: ReportQuery,
        security,
        produces: ['application/pdf'],
        response: {
          200: { description: 'The PDF report', content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } } },
          ...refusals([...ACCESS_REFUSALS, 'assessment.not-submitted', 'questionnaire.not-installed']),
        },
      },
    },
    async (request, reply) => {
      const record = authorized(request);
      const { result, submittedAt } = app.assessments.result(record);
      const prepared = app.questionnaires.get(record.questionnaireId, record.version);
      if (!prepared) throw new ProblemError('questionnaire.not-installed', `questionnaire ${record.questionnaireId} ${record.version} is no longer installed`);
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
        // Its base is configured, never taken from the request's Host header.
        retakeUrl: `${app.publicUrl()}/wiederholen/${record.id}#${app.assessments.retakeTokenOf(record)}`,
        notes: withNotes ? app.visits.notesFor(record) : undefined,
      });
      const pdf = await app.reports.render(model);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${reportFileName(record.profile.companyName, submittedAt, request.query.locale)}"`)
        .header('cache-control', 'private, no-store')
        // Bytes, not the string the documented schema names: Fastify sends a Buffer as it is.
        .send(pdf as unknown as string);
    },
  );

  app.post(
    '/api/resume',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Find a check by its resume code',
        description: 'A code that opens a check always answers 200. Wrong codes are counted per client and for everyone; past the limits a wrong code answers 429 with Retry-After.',
        body: ResumeBody,
        response: { 200: ResumeFound, ...refusals([...BODY_REFUSALS, 'resume-code.unknown', 'resume-code.too-many-wrong']) },
      },
    },
    async (request) => {
      const record = app.resumeGuesses.check(request.ip, () => app.assessments.resume(request.body.resumeCode));
      return { id: record.id, status: record.status };
    },
  );
};

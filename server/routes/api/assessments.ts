/** The assessment lifecycle over HTTP. Access to one check needs its resume code. */
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
import { ContactBody, ContactConsent, HelpRequest, HelpRequestBody, MyContact, RequestIdParams } from '../../../api/leads.ts';
import { reportFileName } from '../../../reports/report-file-name.ts';
import { renderReportOfCheck } from '../../report-of-check.ts';
import type { AssessmentRecord } from '../../db/assessment-repository.ts';
import { BODY_REFUSALS, ProblemError, refusals } from '../../errors.ts';
import { ACCESS_REFUSALS, WRITE_ACCESS_REFUSALS, createCheckAccess } from './check-access.ts';

export interface AssessmentRouteOptions {
  /** Checks started per minute and client. */
  createPerMinute: number;
}

const security: Record<string, string[]>[] = [{ resumeCode: [] }, { session: [] }];

export const assessmentRoutes: FastifyPluginAsyncZod<AssessmentRouteOptions> = async (app, limits) => {
  const authorized = createCheckAccess(app);

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
      const { record, resumeCode } = await (namesEarlier ? app.resumeGuesses.check(request.ip, create) : create());
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
    async (request) => app.assessments.view(await authorized(request)),
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
    async (request) => app.assessments.patch(notAVisit(await authorized(request, 'write')), request.body),
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
    async (request) => app.assessments.submit(notAVisit(await authorized(request, 'write'))),
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
    async (request) => app.assessments.result(await authorized(request)),
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
      const record = await authorized(request);
      // Notes are for staff and scouts; a business with its resume code never gets them.
      const withNotes = request.query.notes === 'true' && request.user !== null && request.headers['x-resume-code'] === undefined;
      const { pdf, submittedAt } = await renderReportOfCheck(app, record, { locale: request.query.locale, withNotes });
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
      const record = await app.resumeGuesses.check(request.ip, () => app.assessments.resume(request.body.resumeCode));
      return { id: record.id, status: record.status };
    },
  );

  // Asking for help from the result page: contact details with consent, requests, withdrawal — the business's own
  // writes, with its resume code (staff read them in the inbox, never give consent on a business's behalf).
  app.get(
    '/api/contact-consent',
    { schema: { tags: ['assessments'], summary: 'The consent text in force, with its version', response: { 200: ContactConsent } } },
    async () => app.leads.consentText(),
  );

  app.get(
    '/api/assessments/:id/contact',
    {
      schema: {
        tags: ['assessments'],
        summary: 'The contact details, consent and requests a business has given',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        security,
        response: { 200: MyContact, ...refusals(ACCESS_REFUSALS) },
      },
    },
    async (request) => app.leads.mine(await authorized(request)),
  );

  app.put(
    '/api/assessments/:id/contact',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Give or renew contact details and consent (name, e-mail or phone, the consent version shown)',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        body: ContactBody,
        security,
        response: { 200: MyContact, ...refusals([...BODY_REFUSALS, ...WRITE_ACCESS_REFUSALS, 'contact.invalid', 'assessment.not-submitted']) },
      },
    },
    async (request) => app.leads.saveContact(await authorized(request, 'write'), request.body),
  );

  app.delete(
    '/api/assessments/:id/contact',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Withdraw consent: contact details and every request are deleted at once',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        security,
        response: { 204: z.null().describe('Withdrawn'), ...refusals([...BODY_REFUSALS, ...WRITE_ACCESS_REFUSALS]) },
      },
    },
    async (request, reply) => {
      await app.leads.withdrawConsent(await authorized(request, 'write'));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/assessments/:id/requests',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Ask about a workshop or partner: 201 the first time, 200 with the same request when sent again',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        body: HelpRequestBody,
        security,
        response: {
          200: HelpRequest,
          201: HelpRequest,
          ...refusals([...BODY_REFUSALS, ...WRITE_ACCESS_REFUSALS, 'help-request.invalid', 'assessment.not-submitted', 'contact.required', 'help-request.id-conflict'], {
            409: { needsContact: z.boolean().optional().describe('Ask for contact details and consent, then send the request again') },
          }),
        },
      },
    },
    async (request, reply) => {
      const { request: stored, created } = await app.leads.request(await authorized(request, 'write'), request.body);
      return reply.status(created ? 201 : 200).send(stored);
    },
  );

  app.delete(
    '/api/assessments/:id/requests/:requestId',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Withdraw one request',
        params: RequestIdParams,
        headers: ResumeCodeHeader,
        security,
        response: { 204: z.null().describe('Withdrawn'), ...refusals([...BODY_REFUSALS, ...WRITE_ACCESS_REFUSALS, 'help-request.not-found']) },
      },
    },
    async (request, reply) => {
      await app.leads.withdrawRequest(await authorized(request as never, 'write'), request.params.requestId);
      return reply.status(204).send(null);
    },
  );
};

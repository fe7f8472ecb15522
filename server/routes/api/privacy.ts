/** GDPR: a business (with its resume code) or an admin erases a check; an admin exports all data of one business. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AssessmentIdParams, DataExport, ResumeCodeHeader } from '../../../api/assessments.ts';
import { BODY_REFUSALS, ProblemError, SESSION_REFUSALS, refusals } from '../../errors.ts';
import { assertCsrf } from '../../plugins/auth.ts';

export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/api/assessments/:id',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Erase a check and its result (the business with its resume code, or an admin)',
        description: 'A wrong resume code counts as a guess, as on every other route.',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        security: [{ resumeCode: [] }, { session: [] }],
        response: {
          204: z.null().describe('Erased'),
          ...refusals([
            ...BODY_REFUSALS,
            'resume-code.required',
            'resume-code.wrong',
            'resume-code.too-many-wrong',
            'auth.role-required',
            'auth.csrf-missing',
            'auth.cross-site',
            'assessment.not-found',
          ]),
        },
      },
    },
    async (request, reply) => {
      const code = request.headers['x-resume-code'];
      if (code === undefined && request.user) {
        if (request.user.role !== 'admin') throw new ProblemError('auth.role-required', 'only an admin or the business itself can erase a check');
        assertCsrf(request);
        const record = await app.assessments.authorizeUser(request.params.id, request.user);
        await app.assessments.erase(record);
        await app.audit(request, 'assessment.erase', record.id);
      } else {
        await app.assessments.erase(await app.resumeGuesses.check(request.ip, () => app.assessments.authorize(request.params.id, code)));
      }
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/assessments/:id/data-export',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['privacy'],
        summary: 'Everything stored about the business behind a check (admin, audited)',
        params: AssessmentIdParams,
        security: [{ session: [] }],
        response: { 200: DataExport, ...refusals(['request.invalid', ...SESSION_REFUSALS, 'assessment.not-found']) },
      },
    },
    async (request, reply) => {
      const record = await app.assessments.authorizeUser(request.params.id, request.user!);
      await app.audit(request, 'assessment.data-export', record.id);
      reply.header('content-disposition', `attachment; filename="procheck-daten-${record.id}.json"`);
      return { ...(await app.assessments.dataExport(record)), visit: await app.visits.detailsFor(record), mail: await app.mail.storedFor(record) };
    },
  );
};

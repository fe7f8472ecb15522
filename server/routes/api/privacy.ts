/** GDPR: a business (with its resume code) or an admin erases a check; an admin exports all data of one business. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AssessmentIdParams, ResumeCodeHeader } from '../../assessments/assessment-schemas.ts';
import { HttpProblem } from '../../errors.ts';
import { assertCsrf } from '../../plugins/auth.ts';

export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/api/assessments/:id',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Erase a check and its result (the business with its resume code, or an admin)',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
      },
    },
    async (request, reply) => {
      const code = request.headers['x-resume-code'];
      if (code === undefined && request.user) {
        if (request.user.role !== 'admin') throw new HttpProblem(403, 'only an admin or the business itself can erase a check');
        assertCsrf(request);
        const record = app.assessments.authorizeUser(request.params.id, request.user);
        app.assessments.erase(record);
        app.audit(request, 'assessment.erase', record.id);
      } else {
        app.assessments.erase(app.assessments.authorize(request.params.id, code));
      }
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/assessments/:id/data-export',
    {
      preHandler: app.requireRole('admin'),
      schema: { tags: ['privacy'], summary: 'Everything stored about the business behind a check (admin, audited)', params: AssessmentIdParams },
    },
    async (request, reply) => {
      const record = app.assessments.authorizeUser(request.params.id, request.user!);
      app.audit(request, 'assessment.data-export', record.id);
      reply.header('content-disposition', `attachment; filename="procheck-daten-${record.id}.json"`);
      return { ...app.assessments.dataExport(record), visit: app.visits.detailsFor(record) };
    },
  );
};

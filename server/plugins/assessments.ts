/** The assessment service, decorated as `app.assessments`. */
import fp from 'fastify-plugin';
import { type AssessmentService, createAssessmentService } from '../assessments/assessment-service.ts';
import { createAssessmentRepository } from '../db/assessment-repository.ts';

declare module 'fastify' {
  interface FastifyInstance {
    assessments: AssessmentService;
  }
}

export const assessmentsPlugin = fp<{ now: () => Date }>(
  async (app, { now }) => {
    app.decorate(
      'assessments',
      createAssessmentService({ repository: createAssessmentRepository(app.db), questionnaires: app.questionnaires, catalogue: app.catalogue, now }),
    );
  },
  { name: 'assessments', dependencies: ['database', 'questionnaires'] },
);

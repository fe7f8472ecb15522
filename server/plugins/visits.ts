/** The visit service, decorated as `app.visits`. */
import fp from 'fastify-plugin';
import { createAssessmentRepository } from '../db/assessment-repository.ts';
import { createVisitRepository } from '../db/visit-repository.ts';
import { type VisitService, createVisitService } from '../visits/visit-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    visits: VisitService;
  }
}

export const visitsPlugin = fp<{ now: () => Date; syncWindowDays: number }>(
  async (app, { now, syncWindowDays }) => {
    app.decorate(
      'visits',
      createVisitService({
        visits: createVisitRepository(app.sql),
        records: createAssessmentRepository(app.sql),
        assessments: app.assessments,
        questionnaires: app.questionnaires,
        now,
        syncWindowDays,
      }),
    );
  },
  { name: 'visits', dependencies: ['database', 'questionnaires', 'assessments'] },
);

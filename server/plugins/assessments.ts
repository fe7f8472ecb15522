/** The assessment service, decorated as `app.assessments`, and the resume-code guess limiter as `app.resumeGuesses`. */
import fp from 'fastify-plugin';
import { type AssessmentService, createAssessmentService } from '../assessments/assessment-service.ts';
import { type GuessLimiter, createGuessLimiter } from '../assessments/guess-limiter.ts';
import { createAssessmentRepository } from '../db/assessment-repository.ts';
import { failureCounter } from '../db/shared-counters.ts';

declare module 'fastify' {
  interface FastifyInstance {
    assessments: AssessmentService;
    resumeGuesses: GuessLimiter;
  }
}

export interface AssessmentsPluginOptions {
  now: () => Date;
  /** Wrong resume codes per minute and client (POST /api/resume and x-resume-code alike). */
  resumePerMinute: number;
  /** Wrong resume codes per minute from everyone together, against guessing from many addresses. */
  resumeGlobalPerMinute: number;
}

export const assessmentsPlugin = fp<AssessmentsPluginOptions>(
  async (app, { now, resumePerMinute, resumeGlobalPerMinute }) => {
    // Queued durable submits are committed by `app.sql.close()` when the database plugin closes.
    const repository = createAssessmentRepository(app.sql);
    app.decorate(
      'assessments',
      createAssessmentService({
        repository,
        questionnaires: app.questionnaires,
        catalogue: () => app.offers.current(),
        now,
        // Awaited, so the lead is there when the submit answers; a failure is logged, never turned into a 500 for a result already stored.
        onSubmitted: (record) => app.leads.fromProfile(record).catch((error: unknown) => app.log.error({ err: error, assessment: record.id }, 'lead from profile not saved')),
      }),
    );
    // Real time, not the app's clock: a test's fixed clock would never let a window pass.
    const counter = (name: string, maxFailures: number) => failureCounter(app.sql, { name, maxFailures, windowMs: 60_000, now: Date.now });
    app.decorate('resumeGuesses', createGuessLimiter({ perClient: counter('resume-client', resumePerMinute), everyone: counter('resume-everyone', resumeGlobalPerMinute) }));
  },
  { name: 'assessments', dependencies: ['database', 'questionnaires'] },
);

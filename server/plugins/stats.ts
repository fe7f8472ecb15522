/** Aggregates for chamber staff (`app.stats`), from facts that are rebuilt if the table is new. */
import fp from 'fastify-plugin';
import { createDemandRepository } from '../db/demand-repository.ts';
import { createFactsRepository, rebuildFacts } from '../db/facts-repository.ts';
import { type StatsService, createStatsService } from '../stats/stats-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    stats: StatsService;
  }
}

export const statsPlugin = fp(
  async (app) => {
    const facts = createFactsRepository(app.db);
    const hasResults = app.db.prepare('SELECT EXISTS (SELECT 1 FROM results) AS any').pluck().get() === 1;
    if (hasResults && facts.isEmpty()) app.log.info({ results: rebuildFacts(app.db) }, 'dashboard facts rebuilt from stored results');
    const demand = createDemandRepository(app.db);
    const backfilled = demand.backfill((id, version) => app.questionnaires.get(id, version));
    if (backfilled) app.log.info({ results: backfilled }, 'demand topics derived from stored results');
    app.decorate(
      'stats',
      createStatsService({
        facts,
        demand,
        questionnaireFor: (id, version) => (version ? app.questionnaires.get(id, version) : app.questionnaires.latest(id)),
      }),
    );
  },
  { name: 'stats', dependencies: ['database', 'questionnaires'] },
);

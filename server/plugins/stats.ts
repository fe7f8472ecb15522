/** Aggregates for chamber staff (`app.stats`), from facts that are rebuilt if the table is new. */
import fp from 'fastify-plugin';
import { backfillDemand, createDemandReader } from '../db/demand-repository.ts';
import { createFactsReader, rebuildFacts } from '../db/facts-repository.ts';
import { type StatsService, createStatsService } from '../stats/stats-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    stats: StatsService;
  }
}

export const statsPlugin = fp(
  async (app) => {
    const facts = createFactsReader(app.sql);
    const hasResults = (await app.sql.all('SELECT 1 AS found FROM results LIMIT 1')).length > 0;
    if (hasResults && (await facts.isEmpty())) app.log.info({ results: await rebuildFacts(app.sql) }, 'dashboard facts rebuilt from stored results');
    const backfilled = await backfillDemand(app.sql, (id, version) => app.questionnaires.get(id, version));
    if (backfilled) app.log.info({ results: backfilled }, 'demand topics derived from stored results');
    app.decorate(
      'stats',
      createStatsService({
        source: {
          facts,
          async snapshot() {
            const snapshot = await app.sql.snapshot();
            return { facts: createFactsReader(snapshot), demand: createDemandReader(snapshot), close: () => snapshot.close() };
          },
        },
        questionnaireFor: (id, version) => (version ? app.questionnaires.get(id, version) : app.questionnaires.latest(id)),
      }),
    );
  },
  { name: 'stats', dependencies: ['database', 'questionnaires'] },
);

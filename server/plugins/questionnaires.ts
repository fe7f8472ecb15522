/**
 * Loads and checks every questionnaire at start-up (a broken file stops the
 * start) and serves the offers catalogue from the database (`app.offers`;
 * `await app.offers.current()` is the catalogue in force). An empty database is seeded
 * from the catalogue files, which stay the import/export format.
 */
import fp from 'fastify-plugin';
import { checkAudiences, checkTopics } from '../../questionnaires/engine/index.ts';
import { type CatalogueService, createCatalogueService } from '../catalogue/catalogue-service.ts';
import { createCatalogueRepository } from '../db/catalogue-repository.ts';
import { loadCatalogue, loadQuestionnaires } from '../definitions/load-definitions.ts';
import { type QuestionnaireRegistry, createQuestionnaireRegistry } from '../definitions/questionnaire-registry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    questionnaires: QuestionnaireRegistry;
    offers: CatalogueService;
  }
}

export const questionnairesPlugin = fp<{ questionnairesDir: string; catalogueDir: string; now: () => Date }>(
  async (app, { questionnairesDir, catalogueDir, now }) => {
    let registry: QuestionnaireRegistry | undefined;
    const offers = createCatalogueService({
      repository: createCatalogueRepository(app.sql),
      now,
      checkAgainstQuestionnaires: (catalogue) =>
        (registry?.all() ?? []).flatMap((q) =>
          [...checkTopics(q.definition, catalogue), ...checkAudiences(q.definition, catalogue)].map((i) => ({
            ...i,
            message: `${q.definition.id} ${q.definition.version}: ${i.message}`,
          })),
        ),
    });
    if (await offers.seedIfEmpty(loadCatalogue(catalogueDir))) app.log.info({ catalogueDir }, 'offers catalogue seeded from its files');
    registry = createQuestionnaireRegistry(loadQuestionnaires(questionnairesDir, await offers.current()));
    app.decorate('offers', offers);
    app.decorate('questionnaires', registry);
    app.log.info({ questionnaires: registry.list().map((q) => `${q.id}@${q.version}`) }, 'questionnaires loaded');
  },
  { name: 'questionnaires', dependencies: ['database'] },
);

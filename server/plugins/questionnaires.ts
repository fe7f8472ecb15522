/** Loads and checks every questionnaire and the catalogue at start-up; a broken file stops the start. */
import fp from 'fastify-plugin';
import type { Catalogue } from '../../questionnaires/engine/index.ts';
import { loadCatalogue, loadQuestionnaires } from '../definitions/load-definitions.ts';
import { type QuestionnaireRegistry, createQuestionnaireRegistry } from '../definitions/questionnaire-registry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    questionnaires: QuestionnaireRegistry;
    catalogue: Catalogue;
  }
}

export const questionnairesPlugin = fp<{ questionnairesDir: string; catalogueDir: string }>(
  async (app, { questionnairesDir, catalogueDir }) => {
    const catalogue = loadCatalogue(catalogueDir);
    const registry = createQuestionnaireRegistry(loadQuestionnaires(questionnairesDir, catalogue));
    app.decorate('catalogue', catalogue);
    app.decorate('questionnaires', registry);
    app.log.info({ questionnaires: registry.list().map((q) => `${q.id}@${q.version}`) }, 'questionnaires loaded');
  },
  { name: 'questionnaires' },
);

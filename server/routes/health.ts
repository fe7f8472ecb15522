/** Liveness and readiness for the operator's monitoring. */
import type { FastifyPluginAsync } from 'fastify';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await app.sql.get('SELECT 1');
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: false });
    }
    return { status: 'ready', database: true, questionnaires: app.questionnaires.list().length };
  });
};

/** Released questionnaires and the referral catalogue: public, read-only. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../../questionnaires/engine/index.ts';
import { notFound } from '../../errors.ts';

export const questionnaireRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/questionnaires',
    {
      schema: {
        tags: ['questionnaires'],
        summary: 'The released questionnaires',
        response: {
          200: z.array(z.object({ id: z.string(), version: z.string(), title: z.object({ de: z.string(), en: z.string().optional() }), hash: z.string() })),
        },
      },
    },
    async () => app.questionnaires.list(),
  );

  app.get(
    '/api/questionnaires/:id/:version',
    {
      schema: {
        tags: ['questionnaires'],
        summary: 'One questionnaire definition, with its content hash',
        params: z.strictObject({ id: Id, version: z.string().max(32) }),
      },
    },
    async (request, reply) => {
      const prepared = app.questionnaires.get(request.params.id, request.params.version);
      if (!prepared) throw notFound(`no questionnaire ${request.params.id} ${request.params.version}`);
      // Released versions never change: let browsers and the scouts' offline cache keep them.
      reply.header('cache-control', 'public, max-age=86400');
      reply.header('etag', `"${prepared.hash}"`);
      return { hash: prepared.hash, definition: prepared.definition };
    },
  );

  app.get(
    '/api/catalogue',
    { schema: { tags: ['questionnaires'], summary: 'The referral catalogue in force: topics, regions, workshops, partners' } },
    async () => app.catalogue,
  );
};

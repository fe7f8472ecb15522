/** Released questionnaires and the referral catalogue: public, read-only. */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Catalogue, QuestionnaireDocument, QuestionnaireParams, QuestionnaireSummary } from '../../../api/questionnaires.ts';
import type { PreparedQuestionnaire } from '../../../questionnaires/engine/index.ts';
import { ProblemError, refusals } from '../../errors.ts';
import { type EncodedBody, chooseEncoding, encodeBody } from '../../encoded-body.ts';

export const questionnaireRoutes: FastifyPluginAsyncZod = async (app) => {
  // Released versions never change: each is serialised and compressed once, on its first request.
  const encoded = new Map<string, Promise<EncodedBody>>();
  const encodedFor = (prepared: PreparedQuestionnaire) => {
    let body = encoded.get(prepared.hash);
    if (!body) {
      body = encodeBody(JSON.stringify({ hash: prepared.hash, definition: prepared.definition }));
      encoded.set(prepared.hash, body);
    }
    return body;
  };
  // The first visitor should not wait for the compression: start it as the server starts.
  app.addHook('onReady', async () => {
    for (const { id, version } of app.questionnaires.list()) void encodedFor(app.questionnaires.get(id, version)!);
  });

  app.get(
    '/api/questionnaires',
    { schema: { tags: ['questionnaires'], summary: 'The released questionnaires', response: { 200: z.array(QuestionnaireSummary) } } },
    async () => app.questionnaires.list(),
  );

  app.get(
    '/api/questionnaires/:id/:version',
    {
      schema: {
        tags: ['questionnaires'],
        summary: 'One questionnaire definition, with its content hash',
        params: QuestionnaireParams,
        response: { 200: QuestionnaireDocument, ...refusals(['request.invalid', 'questionnaire.not-found']) },
      },
    },
    async (request, typedReply) => {
      // The body goes out as bytes already encoded (QuestionnaireDocument, compressed once), never through the serializer.
      const reply = typedReply as unknown as FastifyReply;
      const prepared = app.questionnaires.get(request.params.id, request.params.version);
      if (!prepared) throw new ProblemError('questionnaire.not-found', `no questionnaire ${request.params.id} ${request.params.version}`);
      // Released versions never change: let browsers and the scouts' offline cache keep them.
      const etag = `"${prepared.hash}"`;
      reply.header('cache-control', 'public, max-age=86400').header('etag', etag).header('vary', 'accept-encoding');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      const body = await encodedFor(prepared);
      const encoding = chooseEncoding(request.headers['accept-encoding']);
      reply.header('content-type', 'application/json; charset=utf-8');
      if (encoding) reply.header('content-encoding', encoding);
      return reply.send(encoding ? body[encoding] : body.identity);
    },
  );

  app.get(
    '/api/catalogue',
    { schema: { tags: ['questionnaires'], summary: 'The referral catalogue in force: topics, regions, workshops, partners', response: { 200: Catalogue } } },
    async () => app.offers.current(),
  );
};

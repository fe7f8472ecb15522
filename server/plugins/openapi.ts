/** The OpenAPI document, generated from the same zod schemas that validate requests, served at /docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export const openApiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'procheck API',
          description: 'Digital-maturity check for craft businesses: questionnaires, assessments, results and reports.',
          version: '1.0.0',
        },
        components: {
          securitySchemes: {
            resumeCode: { type: 'apiKey', in: 'header', name: 'x-resume-code', description: 'The resume code of the check' },
            session: { type: 'apiKey', in: 'cookie', name: 'procheck_session', description: 'A staff, admin or scout session (POST /api/auth/login); state changes also need x-csrf-token' },
          },
        },
      },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  },
  { name: 'openapi' },
);

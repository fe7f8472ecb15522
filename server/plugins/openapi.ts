/** The OpenAPI document, generated from the same zod schemas that validate requests, served at /docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { Condition } from '../../questionnaires/engine/index.ts';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const openApiPlugin = fp(
  async (app) => {
    // A condition nests conditions: named, it becomes one component the definition's schema refers to.
    if (!z.globalRegistry.has(Condition)) z.globalRegistry.add(Condition, { id: 'Condition' });
    await app.register(swagger, {
      openapi: {
        // 3.1: the schemas are plain JSON Schema (2020-12), as zod writes them, so any validator reads them.
        openapi: '3.1.0',
        info: {
          title: 'procheck API',
          description:
            'Digital-maturity check for craft businesses: questionnaires, assessments, results and reports. ' +
            'Every refusal is RFC 9457 problem details (application/problem+json) with a stable `code`; each operation lists the codes it may answer per status, GET /api/problems lists them all. ' +
            'Every 429 carries Retry-After in seconds.',
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
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  },
  { name: 'openapi' },
);

/**
 * The errors a route may answer with on purpose. The app's one error handler
 * turns them (and Fastify's own validation errors) into the documented shape:
 * `{ error, issues: [{ path, message }] }`; 5xx details stay in the log.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type Issue, formatPath } from '../questionnaires/engine/index.ts';

export interface ApiIssue {
  path: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues: ApiIssue[] = [],
    /** Extra fields for the body, e.g. the current state on a 409. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

export const toApiIssues = (issues: readonly Issue[]): ApiIssue[] =>
  issues.map((i) => ({ path: formatPath(i.path), message: i.message }));

export const badRequest = (message: string, issues: readonly Issue[]) => new HttpProblem(400, message, toApiIssues(issues));
export const notFound = (what = 'not found') => new HttpProblem(404, what);

/** `/answers/q12` (JSON pointer from the validator) → `answers.q12`, the same form the engine uses. */
function pointerToPath(pointer: string): string {
  const segments = pointer.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return formatPath(segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      return reply.status(error.statusCode).send({ error: error.message, issues: error.issues, ...error.extra });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const issues = error.validation.map((v) => {
        const path = pointerToPath(v.instancePath);
        return { path: path === '$' ? where : `${where === 'body' ? '' : `${where}.`}${path}`, message: v.message ?? 'is invalid' };
      });
      return reply.status(400).send({ error: 'invalid request', issues });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: bad JSON, body too large, unsupported media type, rate limit.
      return reply.status(status).send({ error: error.message, issues: [] });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'internal error', requestId: request.id, issues: [] });
  });

}

/**
 * Unknown API paths answer 404 as JSON; with the web app built, any other page
 * GET answers its index.html so client-side routes survive a reload.
 */
export function registerNotFoundHandler(app: FastifyInstance, { spaFallback }: { spaFallback: boolean }): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const isPage = request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/docs') && !/\.[a-z0-9]+$/i.test(path);
    if (spaFallback && isPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.status(404).send({ error: `no route ${request.method} ${path}`, issues: [] });
  });
}

/** Security headers and the rate limiter that routes opt into. */
import type { FastifyHelmetOptions } from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { sharedRateLimitStore } from '../db/shared-counters.ts';
import { ProblemError } from '../errors.ts';
import { helmetHeaders } from './security-headers.ts';

/** Helmet's configuration: fixed, so its headers are too. */
export const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  // The PDF report is opened in a new tab; it must not be blocked as cross-origin.
  crossOriginResourcePolicy: { policy: 'same-origin' },
};

export const securityPlugin = fp<{ sharedCounters?: boolean }>(
  async (app, { sharedCounters = false }) => {
    // Helmet's headers for HELMET_OPTIONS, set on every response as @fastify/helmet would — computed once (security-headers.ts).
    const headers = await helmetHeaders(HELMET_OPTIONS);
    app.addHook('onRequest', (_request, reply, done) => {
      for (const [name, value] of headers) reply.raw.setHeader(name, value);
      done();
    });
    // API answers carry answers, results, names, e-mails and CSRF tokens: no cache keeps them.
    // A route with public, unchanging data (released questionnaires) sets its own header.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });
    // Off by default; creation, resume and login opt in with their own limits.
    await app.register(rateLimit, {
      global: false,
      // Several instances on one PostgreSQL count together (shared-counters.ts); one SQLite process counts in memory.
      // The database opens after this plugin, so the store looks it up when the first request comes.
      ...(sharedCounters ? { store: sharedRateLimitStore(() => app.sql) } : {}),
      errorResponseBuilder: (_request, context) =>
        new ProblemError('rate-limited', `rate limit exceeded, retry in ${context.after}`, { retryAfter: Math.ceil(context.ttl / 1000) }),
    });
  },
  { name: 'security' },
);

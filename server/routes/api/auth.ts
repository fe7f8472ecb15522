/** Login, logout and "who am I" for staff, admins and scouts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginBody, SessionInfo } from '../../../api/auth.ts';
import { BODY_REFUSALS, ProblemError, refusals } from '../../errors.ts';
import { SESSION_COOKIE, assertCsrf } from '../../plugins/auth.ts';

export const authRoutes: FastifyPluginAsyncZod<{ loginPerMinute: number; now: () => Date }> = async (app, { loginPerMinute, now }) => {
  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: loginPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the session cookie and answers the CSRF token for state-changing requests',
        body: LoginBody,
        response: { 200: SessionInfo, ...refusals([...BODY_REFUSALS, 'auth.login-failed', 'auth.login-throttled', 'auth.cross-site', 'rate-limited']) },
      },
    },
    async (request, reply) => {
      const { sessionId, csrfToken, user } = await app.accounts.login(request.body.email, request.body.password, request.ip);
      // Only a successful login replaces the caller's session: a mistyped password ends nothing.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await app.accounts.logout(previous);
      reply.setCookie(SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'strict', secure: 'auto', path: '/' });
      return { user, csrfToken, serverTime: now().toISOString() };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the session (the CSRF token proves the caller holds it); without a live session, only clears the cookie',
        response: { 204: z.null().describe('Logged out'), ...refusals(['request.malformed', 'request.too-large', 'request.unsupported-media-type', 'auth.csrf-missing', 'auth.cross-site']) },
      },
    },
    async (request, reply) => {
      const raw = request.cookies[SESSION_COOKIE];
      if (request.session) assertCsrf(request);
      if (raw) await app.accounts.logout(raw);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user and the CSRF token',
        response: { 200: SessionInfo, ...refusals(['auth.login-required']) },
      },
    },
    async (request) => {
      if (!request.user || !request.session) throw new ProblemError('auth.login-required', 'login required');
      const { id, email, name, role, disabled, createdAt } = request.user;
      return { user: { id, email, name, role, disabled, createdAt }, csrfToken: request.session.csrfToken, serverTime: now().toISOString() };
    },
  );
};

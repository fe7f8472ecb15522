/** Login, logout and "who am I" for staff, admins and scouts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EmailAddress } from '../../../questionnaires/engine/index.ts';
import { HttpProblem } from '../../errors.ts';
import { SESSION_COOKIE, assertCsrf } from '../../plugins/auth.ts';

const UserView = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(['admin', 'staff', 'scout']), disabled: z.boolean(), createdAt: z.string() });

export const authRoutes: FastifyPluginAsyncZod<{ loginPerMinute: number }> = async (app, { loginPerMinute }) => {
  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: loginPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the session cookie and answers the CSRF token for state-changing requests',
        body: z.strictObject({ email: EmailAddress, password: z.string().min(1).max(200) }),
        response: { 200: z.object({ user: UserView, csrfToken: z.string() }) },
      },
    },
    async (request, reply) => {
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) app.accounts.logout(previous);
      const { sessionId, csrfToken, user } = await app.accounts.login(request.body.email, request.body.password, request.ip);
      reply.setCookie(SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'strict', secure: 'auto', path: '/' });
      return { user, csrfToken };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End the session' } }, async (request, reply) => {
    const raw = request.cookies[SESSION_COOKIE];
    if (request.session) assertCsrf(request);
    if (raw) app.accounts.logout(raw);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The logged-in user and the CSRF token', response: { 200: z.object({ user: UserView, csrfToken: z.string() }) } } },
    async (request) => {
      if (!request.user || !request.session) throw new HttpProblem(401, 'login required');
      const { id, email, name, role, disabled, createdAt } = request.user;
      return { user: { id, email, name, role, disabled, createdAt }, csrfToken: request.session.csrfToken };
    },
  );
};

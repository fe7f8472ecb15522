/** User management and the audit log, for admins. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { UserView } from '../../../api/auth.ts';
import { AuditEntry, AuditQuery, CreateUserBody, CreatedUser, PatchUserBody, UserIdParams, UserListQuery, UserPage } from '../../../api/users.ts';
import { z } from 'zod';
import { BODY_REFUSALS, SESSION_REFUSALS, SESSION_WRITE_REFUSALS, refusals } from '../../errors.ts';

const security: Record<string, string[]>[] = [{ session: [] }];

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = app.requireRole('admin');

  app.get(
    '/api/users',
    {
      preHandler: admin,
      schema: {
        tags: ['admin'],
        summary: 'Users by e-mail address, a page at a time',
        querystring: UserListQuery,
        security,
        response: { 200: UserPage, ...refusals(['request.invalid', ...SESSION_REFUSALS]) },
      },
    },
    async (request) => app.accounts.listUsers(request.query),
  );

  app.post(
    '/api/users',
    {
      preHandler: admin,
      schema: {
        tags: ['admin'],
        summary: 'Create a user; without a password one is generated and answered once',
        body: CreateUserBody,
        security,
        response: { 201: CreatedUser, ...refusals([...BODY_REFUSALS, ...SESSION_WRITE_REFUSALS, 'user.email-taken']) },
      },
    },
    async (request, reply) => {
      const created = await app.accounts.createUser(request.body);
      await app.audit(request, 'user.create', created.user.id, { email: created.user.email, role: created.user.role });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['admin'],
        summary: 'Change name, role, password or disable a user (ends their sessions)',
        params: UserIdParams,
        body: PatchUserBody,
        security,
        response: { 200: UserView, ...refusals([...BODY_REFUSALS, ...SESSION_WRITE_REFUSALS, 'user.not-found', 'user.last-admin', 'user.cannot-disable-self']) },
      },
    },
    async (request) => {
      const updated = await app.accounts.updateUser(request.params.id, request.body, request.user!);
      const { password: _password, ...changes } = request.body;
      await app.audit(request, 'user.update', updated.id, { ...changes, passwordChanged: request.body.password !== undefined });
      return updated;
    },
  );

  app.get(
    '/api/audit',
    {
      preHandler: admin,
      schema: {
        tags: ['admin'],
        summary: 'The audit log, newest first',
        querystring: AuditQuery,
        security,
        response: { 200: z.array(AuditEntry), ...refusals(['request.invalid', ...SESSION_REFUSALS]) },
      },
    },
    async (request) => app.auditLog.list(request.query.limit, request.query.before),
  );
};

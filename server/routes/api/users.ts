/** User management and the audit log, for admins. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EmailAddress } from '../../../questionnaires/engine/index.ts';
import { MIN_PASSWORD_LENGTH } from '../../auth/passwords.ts';

const Role = z.enum(['admin', 'staff', 'scout']);
const Password = z.string().min(MIN_PASSWORD_LENGTH, `must have at least ${MIN_PASSWORD_LENGTH} characters`).max(200);

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = app.requireRole('admin');

  app.get('/api/users', { preHandler: admin, schema: { tags: ['admin'], summary: 'All users' } }, async () => app.accounts.listUsers());

  app.post(
    '/api/users',
    {
      preHandler: admin,
      schema: {
        tags: ['admin'],
        summary: 'Create a user; without a password one is generated and answered once',
        body: z.strictObject({ email: EmailAddress, name: z.string().max(200).optional(), role: Role, password: Password.optional() }),
      },
    },
    async (request, reply) => {
      const created = await app.accounts.createUser(request.body);
      app.audit(request, 'user.create', created.user.id, { email: created.user.email, role: created.user.role });
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
        params: z.strictObject({ id: z.uuid() }),
        body: z.strictObject({ name: z.string().max(200).optional(), role: Role.optional(), disabled: z.boolean().optional(), password: Password.optional() }),
      },
    },
    async (request) => {
      const updated = await app.accounts.updateUser(request.params.id, request.body, request.user!);
      const { password: _password, ...changes } = request.body;
      app.audit(request, 'user.update', updated.id, { ...changes, passwordChanged: request.body.password !== undefined });
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
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().positive().optional() }),
      },
    },
    async (request) => app.auditLog.list(request.query.limit, request.query.before),
  );
};

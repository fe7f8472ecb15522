/** User management and the audit log, for admins. */
import { z } from 'zod';
import { EmailAddress } from '../questionnaires/engine/index.ts';
import { UserView } from './auth.ts';
import { PageQuery, pageOf } from './pagination.ts';
import { MIN_PASSWORD_LENGTH, ROLES } from './vocabulary.ts';

const Role = z.enum(ROLES);
const Password = z.string().min(MIN_PASSWORD_LENGTH, `must have at least ${MIN_PASSWORD_LENGTH} characters`).max(200);

export const CreateUserBody = z.strictObject({ email: EmailAddress, name: z.string().max(200).optional(), role: Role, password: Password.optional() });
export type CreateUserBody = z.input<typeof CreateUserBody>;

export const CreatedUser = z.object({
  user: UserView,
  generatedPassword: z.string().optional().describe('Only when no password was given: shown once, never stored in clear'),
});
export type CreatedUser = z.infer<typeof CreatedUser>;

export const UserIdParams = z.strictObject({ id: z.uuid() });

export const PatchUserBody = z.strictObject({ name: z.string().max(200).optional(), role: Role.optional(), disabled: z.boolean().optional(), password: Password.optional() });
export type PatchUserBody = z.input<typeof PatchUserBody>;

export const UserListQuery = PageQuery;
export const UserPage = pageOf(UserView).describe('Users by e-mail address');
export type UserPage = z.infer<typeof UserPage>;

export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional().describe('seq of the last entry of the previous page'),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditEntry = z.object({
  seq: z.int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

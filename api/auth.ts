/** Login, logout and "who am I" for staff, admins and scouts. */
import { z } from 'zod';
import { EmailAddress } from '../questionnaires/engine/index.ts';
import { ROLES } from './vocabulary.ts';

export const LoginBody = z.strictObject({ email: EmailAddress, password: z.string().min(1).max(200) });
export type LoginBody = z.input<typeof LoginBody>;

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const SessionInfo = z.object({
  user: UserView,
  csrfToken: z.string().describe('Send as x-csrf-token with every state-changing request on this session'),
  serverTime: z.iso.datetime().describe("The server's clock: tablets correct their own clock by it for the sync's change versions"),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

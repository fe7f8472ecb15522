/** Users and logged-in sessions for API tests. */
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../server/db/account-repository.ts';

export interface LoggedIn {
  email: string;
  cookie: string;
  csrfToken: string;
  userId: string;
  /** Headers for a state-changing request on this session. */
  headers: Record<string, string>;
}

let counter = 0;
export const PASSWORD = 'korrekt-pferd-batterie';

export async function createUser(app: FastifyInstance, role: Role, email = `${role}-${++counter}-${Date.now()}@example.org`) {
  const { user } = await app.accounts.createUser({ email, role, password: PASSWORD, name: `Test ${role}` });
  return user;
}

export function sessionCookie(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie.join(';') : (setCookie ?? '');
  const match = /procheck_session=([^;]+)/.exec(header);
  if (!match) throw new Error(`no session cookie in ${header}`);
  return `procheck_session=${match[1]}`;
}

export async function login(app: FastifyInstance, email: string, password = PASSWORD, remoteAddress = '127.0.0.1'): Promise<LoggedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const { csrfToken, user } = response.json();
  const cookie = sessionCookie(response.headers['set-cookie']);
  return { email, cookie, csrfToken, userId: user.id, headers: { cookie, 'x-csrf-token': csrfToken } };
}

export async function loggedInAs(app: FastifyInstance, role: Role): Promise<LoggedIn> {
  const user = await createUser(app, role);
  return login(app, user.email);
}

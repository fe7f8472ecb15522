/**
 * Accounts and sessions: who may log in, for how long, and what ends a
 * session. Sessions live in the database, so logout and disabling a user take
 * effect on the next request, on every app instance.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AccountRepository, Role, SessionRecord, UserRecord } from '../db/account-repository.ts';
import type { UserView } from '../../api/auth.ts';
import { z } from 'zod';
import type { Page, PageQuery } from '../../api/pagination.ts';
import { ProblemError, fieldError } from '../errors.ts';
import { decodeCursor, pageFrom } from '../pagination.ts';
import { MIN_PASSWORD_LENGTH, UNKNOWN_USER_HASH, generatePassword, hashPassword, verifyPassword } from './passwords.ts';
import type { FailureCounter } from './attempt-limiter.ts';

export type { UserView };

export interface SessionPolicy {
  /** A session not used for this long ends. */
  idleMs: number;
  /** No session lives longer than this, used or not. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 2 * 60 * 60 * 1000, absoluteMs: 12 * 60 * 60 * 1000 };

export const toUserView = (u: UserRecord): UserView => ({ id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled, createdAt: u.createdAt });

const hashSessionId = (raw: string) => createHash('sha256').update(`procheck-session:${raw}`).digest('hex');

// The same words for an unknown e-mail and a wrong password: no account enumeration.
const LOGIN_FAILED = 'e-mail address or password is wrong';

/** Failed logins in a sliding window, in memory or shared by the instances on one database (db/shared-counters.ts). */
type LoginCounter = Pick<FailureCounter, 'retryAfterMs' | 'recordFailure' | 'reset'>;

interface Dependencies {
  accounts: AccountRepository;
  now: () => Date;
  policy: SessionPolicy;
  /**
   * Failed logins per client address (any account), and per account from one
   * address: someone guessing elsewhere slows only themselves, never the
   * account's rightful user at their own desk.
   */
  limiters: { perClient: LoginCounter; perAccountAndClient: LoginCounter };
}

export function createAccountService({ accounts, now, policy, limiters }: Dependencies) {
  const iso = (offsetMs = 0) => new Date(now().getTime() + offsetMs).toISOString();

  return {
    async createUser(input: { email: string; name?: string; role: Role; password?: string }): Promise<{ user: UserView; generatedPassword?: string }> {
      if (await accounts.findUserByEmail(input.email)) {
        throw new ProblemError('user.email-taken', 'a user with this e-mail address exists already', { errors: [fieldError(['email'], 'user.email-taken', 'is taken')] });
      }
      const generatedPassword = input.password === undefined ? generatePassword() : undefined;
      const password = input.password ?? generatedPassword!;
      const user = await accounts.insertUser({
        id: randomUUID(),
        email: input.email,
        name: input.name ?? '',
        role: input.role,
        passwordHash: await hashPassword(password),
        now: iso(),
      });
      return generatedPassword ? { user: toUserView(user), generatedPassword } : { user: toUserView(user) };
    },

    async login(email: string, password: string, clientKey: string): Promise<{ sessionId: string; csrfToken: string; user: UserView }> {
      const accountKey = `${email.toLowerCase()}|${clientKey}`;
      const wait = Math.max(await limiters.perClient.retryAfterMs(clientKey), await limiters.perAccountAndClient.retryAfterMs(accountKey));
      if (wait > 0) throw new ProblemError('auth.login-throttled', 'too many failed logins; try again later', { retryAfter: wait / 1000 });
      const user = await accounts.findUserByEmail(email);
      const ok = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
      if (!user || !ok || user.disabled) {
        await limiters.perClient.recordFailure(clientKey);
        await limiters.perAccountAndClient.recordFailure(accountKey);
        throw new ProblemError('auth.login-failed', LOGIN_FAILED);
      }
      await limiters.perAccountAndClient.reset(accountKey);
      // A fresh id at every login: a session id planted before login is worthless.
      const sessionId = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      await accounts.insertSession({ idHash: hashSessionId(sessionId), userRowId: user.rowId, csrfToken, createdAt: iso(), lastSeenAt: iso(), expiresAt: iso(policy.absoluteMs) });
      return { sessionId, csrfToken, user: toUserView(user) };
    },

    /** The live session and its user behind a cookie value, or null; ends sessions that expired. */
    async authenticate(sessionId: string): Promise<{ session: SessionRecord; user: UserRecord } | null> {
      const idHash = hashSessionId(sessionId);
      const found = await accounts.findSessionWithUser(idHash);
      if (!found) return null;
      const { session, user } = found;
      const current = now().getTime();
      const expired = Date.parse(session.expiresAt) <= current || Date.parse(session.lastSeenAt) + policy.idleMs <= current;
      if (expired || !user || user.disabled) {
        await accounts.deleteSession(idHash);
        return null;
      }
      // Write "last seen" at most once a minute: reads should not all become writes.
      if (current - Date.parse(session.lastSeenAt) > 60_000) await accounts.touchSession(idHash, iso());
      return { session, user };
    },

    async logout(sessionId: string): Promise<void> {
      await accounts.deleteSession(hashSessionId(sessionId));
    },

    /** A page of users by e-mail address; the cursor is the last address of the previous page. */
    async listUsers({ limit, cursor }: PageQuery): Promise<Page<UserView>> {
      const after = decodeCursor(cursor, z.string()) ?? '';
      return pageFrom(await accounts.listUsers(after, limit + 1), limit, toUserView, (u) => u.email);
    },

    async updateUser(id: string, patch: { name?: string; role?: Role; disabled?: boolean; password?: string }, actor: UserRecord): Promise<UserView> {
      const user = await accounts.findUserById(id);
      if (!user) throw new ProblemError('user.not-found', 'no such user');
      const next: UserRecord = {
        ...user,
        name: patch.name ?? user.name,
        role: patch.role ?? user.role,
        disabled: patch.disabled ?? user.disabled,
        passwordHash: patch.password === undefined ? user.passwordHash : await hashPassword(patch.password),
      };
      const losesAdmin = user.role === 'admin' && !user.disabled && (next.role !== 'admin' || next.disabled);
      if (losesAdmin && (await accounts.activeAdminCount()) <= 1) {
        throw new ProblemError('user.last-admin', 'the last admin cannot be disabled or demoted', {
          errors: [fieldError([patch.disabled !== undefined ? 'disabled' : 'role'], 'user.last-admin', 'at least one active admin must remain')],
        });
      }
      if (user.rowId === actor.rowId && next.disabled) {
        throw new ProblemError('user.cannot-disable-self', 'you cannot disable yourself', { errors: [fieldError(['disabled'], 'user.cannot-disable-self', 'ask another admin')] });
      }
      const endSessions = next.disabled !== user.disabled || patch.password !== undefined || next.role !== user.role;
      return toUserView(await accounts.updateUser(next, iso(), endSessions));
    },

    deleteExpiredSessions: () => accounts.deleteExpiredSessions(iso(), iso(-policy.idleMs)),
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
export { MIN_PASSWORD_LENGTH };

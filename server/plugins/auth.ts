/**
 * Sessions for staff, admins and scouts: a random id in an httpOnly,
 * SameSite=Strict cookie, looked up server-side on every request. Routes that
 * act on a session's authority (`app.requireRole`) also demand the session's
 * CSRF token in `x-csrf-token` for every state-changing method.
 */
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import { type AccountService, type SessionPolicy, createAccountService } from '../auth/account-service.ts';
import { failureCounter } from '../db/shared-counters.ts';
import { type AuditRepository, createAuditRepository } from '../db/audit-repository.ts';
import { type Role, type SessionRecord, type UserRecord, createAccountRepository } from '../db/account-repository.ts';
import { ProblemError } from '../errors.ts';

export const SESSION_COOKIE = 'procheck_session';

declare module 'fastify' {
  interface FastifyInstance {
    accounts: AccountService;
    auditLog: AuditRepository;
    /** A preHandler: the request needs a session whose user has one of these roles (and, unless GET, the CSRF token). */
    requireRole(...roles: Role[]): preHandlerAsyncHookHandler;
    /** Records an action of the session's user in the audit log. */
    audit(request: FastifyRequest, action: string, subject: string | null, details?: Record<string, unknown>): Promise<void>;
  }
  interface FastifyRequest {
    user: UserRecord | null;
    session: SessionRecord | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws unless the request carries the session's CSRF token; GET and HEAD never change state. */
export function assertCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method) || !request.session) return;
  const given = request.headers['x-csrf-token'];
  if (typeof given !== 'string' || !sameToken(given, request.session.csrfToken)) {
    throw new ProblemError('auth.csrf-missing', 'missing or wrong CSRF token (header x-csrf-token)');
  }
}

/**
 * Refuses a state-changing request that a browser says comes from another
 * site: `Sec-Fetch-Site: cross-site`, or an `Origin` that is neither the
 * configured public URL's nor the one the request was sent to. The second
 * line of defence behind the CSRF token (and SameSite=Strict).
 */
export function assertSameSite(request: FastifyRequest, publicUrl: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const fetchSite = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  let foreign = fetchSite === 'cross-site';
  if (!foreign && origin !== undefined) foreign = !isOwnOrigin(origin, request.host, publicUrl);
  if (foreign) throw new ProblemError('auth.cross-site', 'a request from another site may not change anything here');
}

/** The configured public origin, or the host the request was sent to (same default-port rules as the origin). */
function isOwnOrigin(origin: string, requestHost: string, publicUrl: string): boolean {
  try {
    const url = new URL(origin);
    if (url.origin === 'null') return false;
    return url.origin === new URL(publicUrl).origin || url.host === new URL(`${url.protocol}//${requestHost}`).host;
  } catch {
    return false; // `Origin: null` (sandboxed or privacy-redirected) or garbage: not us
  }
}

export interface AuthOptions {
  now: () => Date;
  policy: SessionPolicy;
  /** Where the app is reachable (its origin is a same-site Origin). */
  publicUrl: () => string;
  /** Failed logins allowed within 15 minutes per client address, and per account from one address. */
  maxFailuresPerClient: number;
  maxFailuresPerAccountAndClient: number;
}

export const authPlugin = fp<AuthOptions>(
  async (app, options) => {
    await app.register(cookie);
    const window = 15 * 60 * 1000;
    const clock = () => options.now().getTime();
    const counter = (name: string, maxFailures: number) => failureCounter(app.sql, { name, maxFailures, windowMs: window, now: clock });
    app.decorate(
      'accounts',
      createAccountService({
        accounts: createAccountRepository(app.sql),
        now: options.now,
        policy: options.policy,
        limiters: { perClient: counter('login-client', options.maxFailuresPerClient), perAccountAndClient: counter('login-account', options.maxFailuresPerAccountAndClient) },
      }),
    );
    app.decorate('auditLog', createAuditRepository(app.sql));
    app.decorateRequest('user', null);
    app.decorateRequest('session', null);

    app.addHook('onRequest', async (request) => {
      const raw = request.cookies[SESSION_COOKIE];
      // Requests on a session's authority, and logins, are refused from other sites before anything else.
      if (raw || request.url.split('?')[0] === '/api/auth/login') assertSameSite(request, options.publicUrl());
      if (!raw) return;
      const found = await app.accounts.authenticate(raw);
      if (found) {
        request.user = found.user;
        request.session = found.session;
      }
    });

    app.decorate('requireRole', (...roles: Role[]): preHandlerAsyncHookHandler => {
      return async (request: FastifyRequest, _reply: FastifyReply) => {
        if (!request.user) throw new ProblemError('auth.login-required', 'login required');
        if (!roles.includes(request.user.role)) throw new ProblemError('auth.role-required', `this needs the role ${roles.join(' or ')}`);
        assertCsrf(request);
      };
    });

    app.decorate('audit', async (request: FastifyRequest, action: string, subject: string | null, details: Record<string, unknown> = {}) => {
      await app.auditLog.record({
        at: options.now().toISOString(),
        actorUserId: request.user?.id ?? null,
        actorEmail: request.user?.email ?? null,
        action,
        subject,
        details,
      });
    });

    // Sessions that ran out are removed now and then; `authenticate` already ignores them.
    const sweep = setInterval(() => {
      app.accounts.deleteExpiredSessions().catch((error: unknown) => app.log.error({ err: error }, 'expired sessions could not be deleted'));
    }, 10 * 60 * 1000);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));
  },
  { name: 'auth', dependencies: ['database'] },
);

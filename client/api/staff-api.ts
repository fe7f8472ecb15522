/**
 * The chamber staff's and admins' door to the server: login, dashboard
 * figures, users and the audit log. Sessions live in an httpOnly cookie the
 * browser sends by itself; every state-changing request also carries the
 * session's CSRF token. Failures come back as data, as in api-client.ts.
 */
import type { Catalogue } from '../../questionnaires/engine/index.ts';
import type { Fetch } from './api-client.ts';
import type { ApiFailure, ApiResult } from './api-types.ts';
import { failureOf } from './api-failure.ts';

export type StaffRole = 'admin' | 'staff' | 'scout';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'staff', 'scout'];

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: string;
}

export interface StaffSession {
  user: StaffUser;
  csrfToken: string;
}

// The dashboard's figures have one definition, beside the CSV export that shares them (types only: nothing is bundled).
export type { GroupStats, Summary } from '../../reports/export-tables.ts';
import type { DashboardStats as ReportDashboardStats, GroupStats, Summary } from '../../reports/export-tables.ts';

export const STATS_GROUPS = ['trade', 'employees', 'region', 'channel', 'version', 'month'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export const CHANNELS = ['online', 'visit'] as const;
export type Channel = (typeof CHANNELS)[number];

export type DashboardStats = ReportDashboardStats<StatsGroup>;
export type TrendPoint = DashboardStats['trend'][number];

/** The query of /api/stats and both exports; '' for trade, employees or region selects "not given". */
export interface StatsQuery {
  version?: string;
  channel?: Channel;
  trade?: string;
  employees?: string;
  region?: string;
  /** Inclusive months, YYYY-MM. */
  from?: string;
  to?: string;
  groupBy?: StatsGroup;
  locale?: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

export interface CreatedUser {
  user: StaffUser;
  /** Only when no password was given: shown once, never stored in clear. */
  generatedPassword?: string;
}

export interface NewUser {
  email: string;
  name?: string;
  role: StaffRole;
}

export interface UserChange {
  name?: string;
  role?: StaffRole;
  disabled?: boolean;
}

export type ExportKind = 'results' | 'aggregates';

export interface StaffApi {
  /** The session behind the cookie; 401 when there is none. */
  me(): Promise<ApiResult<StaffSession>>;
  login(email: string, password: string): Promise<ApiResult<StaffSession>>;
  logout(): Promise<ApiResult<null>>;
  stats(query: StatsQuery): Promise<ApiResult<DashboardStats>>;
  catalogue(): Promise<ApiResult<Catalogue>>;
  users(): Promise<ApiResult<StaffUser[]>>;
  createUser(user: NewUser): Promise<ApiResult<CreatedUser>>;
  updateUser(id: string, change: UserChange): Promise<ApiResult<StaffUser>>;
  audit(options: { limit: number; before?: number }): Promise<ApiResult<AuditEntry[]>>;
  /** A plain link: the browser sends the session cookie with it and saves the attachment. */
  exportUrl(kind: ExportKind, query: StatsQuery): string;
}

export interface StaffApiOptions {
  fetcher?: Fetch;
  /** The CSRF token of the current session, sent with every state-changing request. */
  csrfToken(): string | null;
  /** A request made on a session's authority was answered 401: the session has ended. */
  onSessionEnded(): void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** `?a=1&b=` in a fixed order; undefined values are left out, '' is kept ("not given"). */
export function statsSearch(query: StatsQuery): string {
  const params = new URLSearchParams();
  const keys: (keyof StatsQuery)[] = ['version', 'channel', 'trade', 'employees', 'region', 'from', 'to', 'groupBy', 'locale'];
  for (const key of keys) {
    const value = query[key];
    if (value !== undefined) params.set(key, value);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}


export function createStaffApi({ fetcher = (input, init) => fetch(input, init), csrfToken, onSessionEnded }: StaffApiOptions): StaffApi {
  /** `session: false` for login and "who am I", where 401 means "not logged in" rather than "logged out meanwhile". */
  async function call<T>(method: string, path: string, options: { body?: unknown; session?: boolean } = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const token = csrfToken();
    if (!SAFE_METHODS.has(method) && token) headers['x-csrf-token'] = token;
    let response: Response;
    try {
      response = await fetcher(path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch (error) {
      return { ok: false, failure: { status: 0, error: error instanceof Error ? error.message : String(error), issues: [] } };
    }
    if (!response.ok) {
      const failure = await failureOf(response);
      if (failure.status === 401 && options.session !== false) onSessionEnded();
      return { ok: false, failure };
    }
    if (response.status === 204) return { ok: true, value: null as T };
    try {
      return { ok: true, value: (await response.json()) as T };
    } catch (error) {
      return { ok: false, failure: { status: 0, error: error instanceof Error ? error.message : String(error), issues: [] } };
    }
  }

  return {
    me: () => call('GET', '/api/auth/me', { session: false }),
    login: (email, password) => call('POST', '/api/auth/login', { body: { email, password }, session: false }),
    logout: () => call('POST', '/api/auth/logout', { session: false }),
    stats: (query) => call('GET', `/api/stats${statsSearch(query)}`),
    catalogue: () => call('GET', '/api/catalogue'),
    users: () => call('GET', '/api/users'),
    createUser: (user) => call('POST', '/api/users', { body: user }),
    updateUser: (id, change) => call('PATCH', `/api/users/${encodeURIComponent(id)}`, { body: change }),
    audit: ({ limit, before }) => call('GET', `/api/audit?limit=${limit}${before === undefined ? '' : `&before=${before}`}`),
    exportUrl: (kind, query) => `/api/exports/${kind}.csv${statsSearch(query)}`,
  };
}

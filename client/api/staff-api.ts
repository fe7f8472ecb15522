/**
 * The chamber staff's and admins' door to the server: login, dashboard
 * figures, users and the audit log. Sessions live in an httpOnly cookie the
 * browser sends by itself; every state-changing request also carries the
 * session's CSRF token. Failures come back as data, as in api-client.ts.
 */
import type { SessionInfo, UserView } from '../../api/auth.ts';
import type { Page } from '../../api/pagination.ts';
import type { StatsQuery } from '../../api/stats.ts';
import type { AuditEntry, CreateUserBody, CreatedUser, PatchUserBody } from '../../api/users.ts';
import type { Catalogue } from '../../questionnaires/engine/index.ts';
import type { Fetch } from './api-client.ts';
import type { ApiResult } from './api-result.ts';
import { failureOf, offlineFailure } from './api-failure.ts';

export { CHANNELS, ROLES as STAFF_ROLES, STATS_GROUPS } from '../../api/vocabulary.ts';
export type { Channel, Role as StaffRole, StatsGroup } from '../../api/vocabulary.ts';
import type { StatsGroup } from '../../api/vocabulary.ts';
export type { AuditEntry, CreatedUser, StatsQuery };
export type StaffUser = UserView;
export type StaffSession = SessionInfo;
/** A new user as the admin enters it (the server generates the password). */
export type NewUser = Omit<CreateUserBody, 'password'>;
export type UserChange = Omit<PatchUserBody, 'password'>;

// The dashboard's figures have one definition, beside the CSV export that shares them (types only: nothing is bundled).
export type { GroupStats, Summary } from '../../reports/export-tables.ts';
import type { DashboardStats as ReportDashboardStats } from '../../reports/export-tables.ts';

export type DashboardStats = ReportDashboardStats<StatsGroup>;
export type TrendPoint = DashboardStats['trend'][number];

export type ExportKind = 'results' | 'aggregates' | 'leads';

export type OfferKind = 'workshop' | 'partner' | 'topic';
export type { OfferEntry } from '../../api/offers.ts';
export type { DemandView, Lead, LeadFilters, LeadOutcome, LeadStatus } from '../../api/leads.ts';
import type { OfferEntry } from '../../api/offers.ts';
import type { MailPreferences, MailQueue, MailStatus } from '../../api/mail.ts';
export type { MailPreferences, MailQueue, MailStatus };
import type { Assignee, DemandView, Lead, LeadFilters, LeadOutcome, LeadPage, LeadStatus } from '../../api/leads.ts';

export interface StaffApi {
  /** The session behind the cookie; 401 when there is none. */
  me(): Promise<ApiResult<StaffSession>>;
  login(email: string, password: string): Promise<ApiResult<StaffSession>>;
  logout(): Promise<ApiResult<null>>;
  stats(query: StatsQuery): Promise<ApiResult<DashboardStats>>;
  catalogue(): Promise<ApiResult<Catalogue>>;
  /** Every page of the user list, by e-mail address. */
  users(): Promise<ApiResult<StaffUser[]>>;
  createUser(user: NewUser): Promise<ApiResult<CreatedUser>>;
  updateUser(id: string, change: UserChange): Promise<ApiResult<StaffUser>>;
  audit(options: { limit: number; before?: number }): Promise<ApiResult<AuditEntry[]>>;
  /** A plain link: the browser sends the session cookie with it and saves the attachment. */
  exportUrl(kind: ExportKind, query: StatsQuery): string;
  demand(query: StatsQuery): Promise<ApiResult<DemandView>>;
  offers(kind: OfferKind, withRetired: boolean): Promise<ApiResult<OfferEntry[]>>;
  createOffer(kind: OfferKind, data: Record<string, unknown>): Promise<ApiResult<OfferEntry>>;
  /** A stale revision answers 409 with the current entry in `failure.current`. */
  updateOffer(kind: OfferKind, id: string, revision: number, changes: Record<string, unknown>): Promise<ApiResult<OfferEntry>>;
  retireOffer(kind: OfferKind, id: string, revision: number): Promise<ApiResult<OfferEntry>>;
  leads(filters: LeadFilters, cursor?: string): Promise<ApiResult<{ items: Lead[]; nextCursor: string | null }>>;
  updateLead(id: string, change: { revision: number; status?: LeadStatus; outcome?: LeadOutcome | null; assigneeId?: string | null; notes?: string }): Promise<ApiResult<Lead>>;
  assignees(): Promise<ApiResult<{ id: string; name: string; email: string }[]>>;
  leadsExportUrl(filters: LeadFilters): string;
  interestedUrl(workshopId: string): string;
  mailPreferences(): Promise<ApiResult<MailPreferences>>;
  saveMailPreferences(preferences: MailPreferences): Promise<ApiResult<MailPreferences>>;
  mailQueue(): Promise<ApiResult<MailQueue>>;
  purgeMailQueue(status?: MailStatus): Promise<ApiResult<{ deleted: number }>>;
}

const PLURAL: Record<OfferKind, string> = { workshop: 'workshops', partner: 'partners', topic: 'topics' };

function leadSearch(filters: LeadFilters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'topic', 'region', 'trade', 'assignee'] as const) if (filters[key]) params.set(key, filters[key]!);
  if (cursor) params.set('cursor', cursor);
  const search = params.toString();
  return search ? `?${search}` : '';
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
  const keys = ['version', 'channel', 'trade', 'employees', 'region', 'from', 'to', 'groupBy', 'locale'] as const satisfies readonly (keyof StatsQuery)[];
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
      return { ok: false, failure: offlineFailure(error) };
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
      return { ok: false, failure: offlineFailure(error) };
    }
  }

  return {
    me: () => call('GET', '/api/auth/me', { session: false }),
    login: (email, password) => call('POST', '/api/auth/login', { body: { email, password }, session: false }),
    logout: () => call('POST', '/api/auth/logout', { session: false }),
    stats: (query) => call('GET', `/api/stats${statsSearch(query)}`),
    catalogue: () => call('GET', '/api/catalogue'),
    async users() {
      const all: StaffUser[] = [];
      let cursor: string | null = null;
      do {
        const page: ApiResult<Page<StaffUser>> = await call('GET', `/api/users?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        if (!page.ok) return page;
        all.push(...page.value.items);
        cursor = page.value.nextCursor;
      } while (cursor !== null);
      return { ok: true, value: all };
    },
    createUser: (user) => call('POST', '/api/users', { body: user }),
    updateUser: (id, change) => call('PATCH', `/api/users/${encodeURIComponent(id)}`, { body: change }),
    audit: ({ limit, before }) => call('GET', `/api/audit?limit=${limit}${before === undefined ? '' : `&before=${before}`}`),
    exportUrl: (kind, query) => `/api/exports/${kind}.csv${statsSearch(query)}`,
    demand: (query) => call('GET', `/api/stats/demand${statsSearch(query)}`),
    offers: (kind, withRetired) => call('GET', `/api/catalogue/${PLURAL[kind]}${withRetired ? '?retired=true' : ''}`),
    createOffer: (kind, data) => call('POST', `/api/catalogue/${PLURAL[kind]}`, { body: data }),
    updateOffer: (kind, id, revision, changes) => call('PATCH', `/api/catalogue/${PLURAL[kind]}/${encodeURIComponent(id)}`, { body: { ...changes, revision } }),
    retireOffer: (kind, id, revision) => call('DELETE', `/api/catalogue/${PLURAL[kind]}/${encodeURIComponent(id)}?revision=${revision}`),
    leads: (filters, cursor) => call('GET', `/api/leads${leadSearch(filters, cursor)}`),
    updateLead: (id, change) => call('PATCH', `/api/leads/${encodeURIComponent(id)}`, { body: change }),
    assignees: () => call('GET', '/api/leads/assignees'),
    leadsExportUrl: (filters) => `/api/exports/leads.csv${leadSearch(filters)}`,
    interestedUrl: (workshopId) => `/api/catalogue/workshops/${encodeURIComponent(workshopId)}/interested.csv`,
    mailPreferences: () => call('GET', '/api/mail/preferences'),
    saveMailPreferences: (preferences) => call('PUT', '/api/mail/preferences', { body: preferences }),
    mailQueue: () => call('GET', '/api/admin/mail-outbox'),
    purgeMailQueue: (status) => call('DELETE', `/api/admin/mail-outbox${status ? `?status=${status}` : ''}`),
  };
}

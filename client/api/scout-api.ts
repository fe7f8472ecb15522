/**
 * The scouts' door to the server: login (cookie session + CSRF token), the
 * tablets' sync, the visit list, results and the PDF with notes. The shapes
 * are the server's own (api/visits.ts, api/auth.ts). Failures come back as
 * data, as in api-client.ts.
 */
import type { ResultDocument } from '../../api/assessments.ts';
import type { SessionInfo, UserView } from '../../api/auth.ts';
import type { Page } from '../../api/pagination.ts';
import type { SyncChange, SyncResponse, VisitSummary, VisitView } from '../../api/visits.ts';
import type { Catalogue } from '../../questionnaires/engine/index.ts';
import type { ApiResult } from './api-result.ts';
import { failureOf, offlineFailure } from './api-failure.ts';

export type { SyncChange, SyncResult, SyncSet, VisitBusiness, VisitSummary, VisitView } from '../../api/visits.ts';
export type { SessionInfo };
export type ScoutUser = UserView;

/** A sync's answer, with the server's clock from its Date header (null if a proxy dropped it). */
export interface SyncReply extends SyncResponse {
  serverTime: string | null;
}

export interface ScoutApi {
  login(email: string, password: string): Promise<ApiResult<SessionInfo>>;
  me(): Promise<ApiResult<SessionInfo>>;
  logout(csrfToken: string): Promise<ApiResult<null>>;
  sync(csrfToken: string, changes: SyncChange[]): Promise<ApiResult<SyncReply>>;
  /** Every page of the visit list, in order. */
  visits(): Promise<ApiResult<VisitSummary[]>>;
  visit(id: string): Promise<ApiResult<VisitView>>;
  result(id: string): Promise<ApiResult<ResultDocument>>;
  reportPdf(id: string, options: { locale: string; notes: boolean }): Promise<ApiResult<Blob>>;
  catalogue(): Promise<ApiResult<Catalogue>>;
}

type Fetch = typeof fetch;

export function createScoutApi(fetcher: Fetch = (input, init) => fetch(input, init)): ScoutApi {
  async function call<T>(
    method: string,
    path: string,
    options: { body?: unknown; csrfToken?: string; as?: 'json' | 'blob' | 'none'; cacheable?: boolean; withDate?: boolean } = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: options.as === 'blob' ? 'application/pdf' : 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
    let response: Response;
    try {
      response = await fetcher(path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
        // The questionnaire and catalogue go through the service worker's cache; everything else is always fresh.
        cache: options.cacheable ? 'default' : 'no-store',
      });
    } catch (error) {
      return { ok: false, failure: offlineFailure(error) };
    }
    if (!response.ok) return { ok: false, failure: await failureOf(response) };
    try {
      if (options.as === 'none') return { ok: true, value: null as T };
      const value = (options.as === 'blob' ? await response.blob() : await response.json()) as T;
      if (options.withDate) {
        const date = Date.parse(response.headers.get('date') ?? '');
        return { ok: true, value: { ...(value as object), serverTime: Number.isNaN(date) ? null : new Date(date).toISOString() } as T };
      }
      return { ok: true, value };
    } catch (error) {
      return { ok: false, failure: offlineFailure(error) };
    }
  }

  const visitPath = (id: string, rest = '') => `/api/visits/${encodeURIComponent(id)}${rest}`;
  const assessmentPath = (id: string, rest = '') => `/api/assessments/${encodeURIComponent(id)}${rest}`;

  return {
    login: (email, password) => call('POST', '/api/auth/login', { body: { email, password } }),
    me: () => call('GET', '/api/auth/me'),
    logout: (csrfToken) => call('POST', '/api/auth/logout', { csrfToken, as: 'none' }),
    sync: (csrfToken, changes) => call('POST', '/api/sync', { body: { changes }, csrfToken, withDate: true }),
    async visits() {
      const all: VisitSummary[] = [];
      let cursor: string | null = null;
      do {
        const page: ApiResult<Page<VisitSummary>> = await call('GET', `/api/visits?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        if (!page.ok) return page;
        all.push(...page.value.items);
        cursor = page.value.nextCursor;
      } while (cursor !== null);
      return { ok: true, value: all };
    },
    visit: (id) => call('GET', visitPath(id)),
    result: (id) => call('GET', assessmentPath(id, '/result')),
    reportPdf: (id, { locale, notes }) =>
      call('GET', assessmentPath(id, `/report.pdf?locale=${encodeURIComponent(locale)}&notes=${notes ? 'true' : 'false'}`), { as: 'blob' }),
    catalogue: () => call('GET', '/api/catalogue', { cacheable: true }),
  };
}

/**
 * The scouts' door to the server: login (cookie session + CSRF token), the
 * tablets' sync, the visit list, results and the PDF with notes. The shapes
 * mirror server/visits/visit-schemas.ts and server/routes/api/auth.ts; the web
 * app may not import server code. Failures come back as data, as in api-client.ts.
 */
import type { AnswerValue, BusinessProfile, Catalogue } from '../../questionnaires/engine/index.ts';
import type { ApiFailure, ApiResult, AssessmentState, ResultDocument } from './api-types.ts';
import { failureOf, offlineFailure } from './api-failure.ts';

export type Role = 'admin' | 'staff' | 'scout';

export interface ScoutUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface SessionInfo {
  user: ScoutUser;
  csrfToken: string;
}

export interface VisitBusiness {
  name: string;
  trade: string;
  employees: string;
  postcode: string;
  contactPerson?: string;
}

export interface SyncSet {
  profile?: { [K in keyof BusinessProfile]?: BusinessProfile[K] | null };
  answers?: Record<string, AnswerValue | null>;
  relevance?: Record<string, number | null>;
  /** Per dimension id; seen only by staff and scouts. */
  notes?: Record<string, string | null>;
}

/** One change from this tablet (server: `SyncChange`). */
export interface SyncChange {
  changeId: string;
  visitId: string;
  questionnaireId: string;
  version: string;
  deviceId: string;
  seq: number;
  at: string;
  create?: { resumeCode: string; visitDate: string; business: VisitBusiness };
  set?: SyncSet;
  /** `set.profile` and `set.answers` (and `set.relevance`) of this change are the final answer set. */
  submit?: true;
}

export interface SyncResult {
  changeId: string;
  visitId: string;
  applied: boolean;
  reason?: 'visit-erased';
}

export interface VisitSummary {
  id: string;
  businessName: string | null;
  contactPerson: string | null;
  visitDate: string | null;
  trade: string | null;
  status: 'draft' | 'submitted';
  submitRequested: boolean;
  progress: { answered: number; total: number; percent: number };
  updatedAt: string;
}

export interface VisitView extends AssessmentState {
  business: { name: string | null; contactPerson: string | null; visitDate: string | null };
  submitRequested: boolean;
  notes: Record<string, string>;
}

export interface ScoutApi {
  login(email: string, password: string): Promise<ApiResult<SessionInfo>>;
  me(): Promise<ApiResult<SessionInfo>>;
  logout(csrfToken: string): Promise<ApiResult<null>>;
  sync(csrfToken: string, changes: SyncChange[]): Promise<ApiResult<{ results: SyncResult[] }>>;
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
    options: { body?: unknown; csrfToken?: string; as?: 'json' | 'blob' | 'none'; cacheable?: boolean } = {},
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
    sync: (csrfToken, changes) => call('POST', '/api/sync', { body: { changes }, csrfToken }),
    visits: () => call('GET', '/api/visits'),
    visit: (id) => call('GET', visitPath(id)),
    result: (id) => call('GET', assessmentPath(id, '/result')),
    reportPdf: (id, { locale, notes }) =>
      call('GET', assessmentPath(id, `/report.pdf?locale=${encodeURIComponent(locale)}&notes=${notes ? 'true' : 'false'}`), { as: 'blob' }),
    catalogue: () => call('GET', '/api/catalogue', { cacheable: true }),
  };
}

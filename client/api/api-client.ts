/**
 * The web app's only door to the server. Expected failures (validation, a
 * stale revision, no network) come back as data, never as exceptions.
 */
import type {
  AssessmentPatch,
  AssessmentState,
  CreateAssessmentBody,
  CreatedAssessment,
  ResultDocument,
  ResumeFound,
} from '../../api/assessments.ts';
import type { ContactBody as ContactDetails, ContactConsent, HelpRequest, MyContact, OfferKind, RequestKind } from '../../api/leads.ts';
import type { MailReportBody, RecheckReminder } from '../../api/mail.ts';
import type { QuestionnaireDocument, QuestionnaireSummary } from '../../api/questionnaires.ts';
import type { ApiResult } from './api-result.ts';
import { failureOf, offlineFailure } from './api-failure.ts';

export interface Credentials {
  id: string;
  resumeCode: string;
}

export type Fetch = typeof fetch;

export interface ApiClient {
  listQuestionnaires(): Promise<ApiResult<QuestionnaireSummary[]>>;
  questionnaire(id: string, version: string): Promise<ApiResult<QuestionnaireDocument>>;
  create(body: CreateAssessmentBody): Promise<ApiResult<CreatedAssessment>>;
  load(credentials: Credentials): Promise<ApiResult<AssessmentState>>;
  patch(credentials: Credentials, revision: number, patch: AssessmentPatch): Promise<ApiResult<AssessmentState>>;
  submit(credentials: Credentials): Promise<ApiResult<ResultDocument>>;
  result(credentials: Credentials): Promise<ApiResult<ResultDocument>>;
  resume(resumeCode: string): Promise<ApiResult<ResumeFound>>;
  reportPdf(credentials: Credentials, locale: string): Promise<ApiResult<Blob>>;
  /** GDPR erasure of the check and its result. */
  erase(credentials: Credentials): Promise<ApiResult<null>>;
  contactConsent(): Promise<ApiResult<ContactConsent>>;
  myContact(credentials: Credentials): Promise<ApiResult<MyContact>>;
  saveContact(credentials: Credentials, details: ContactDetails): Promise<ApiResult<MyContact>>;
  /** Withdraws consent: contact details and every request are deleted. */
  withdrawConsent(credentials: Credentials): Promise<ApiResult<null>>;
  /** One click is one request: `requestId` is chosen per click, so a resend is the same request. */
  ask(credentials: Credentials, body: { requestId: string; offerKind: OfferKind; offerId: string; kind: RequestKind; locale?: 'de' | 'en' }): Promise<ApiResult<HelpRequest>>;
  withdrawRequest(credentials: Credentials, requestId: string): Promise<ApiResult<null>>;
  /** The PDF report to the address typed (queued; it arrives within minutes). */
  mailReport(credentials: Credentials, body: MailReportBody): Promise<ApiResult<{ queuedAt: string }>>;
  recheckReminder(credentials: Credentials): Promise<ApiResult<RecheckReminder>>;
  setRecheckReminder(credentials: Credentials, body: MailReportBody): Promise<ApiResult<RecheckReminder>>;
  cancelRecheckReminder(credentials: Credentials): Promise<ApiResult<null>>;
}

export function createApiClient(fetcher: Fetch = (input, init) => fetch(input, init)): ApiClient {
  async function call<T>(
    method: string,
    path: string,
    options: { body?: unknown; code?: string; as?: 'json' | 'blob' | 'none'; cache?: RequestCache } = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: options.as === 'blob' ? 'application/pdf' : 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    // The code travels in a header, never in a URL, so it stays out of logs and history.
    if (options.code) headers['x-resume-code'] = options.code;
    let response: Response;
    try {
      response = await fetcher(path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        cache: options.cache ?? 'no-store',
      });
    } catch (error) {
      return { ok: false, failure: offlineFailure(error) };
    }
    if (!response.ok) return { ok: false, failure: await failureOf(response) };
    if (options.as === 'none') return { ok: true, value: null as T };
    try {
      const value = (options.as === 'blob' ? await response.blob() : await response.json()) as T;
      return { ok: true, value };
    } catch (error) {
      return { ok: false, failure: offlineFailure(error) };
    }
  }

  const path = (id: string, rest = '') => `/api/assessments/${encodeURIComponent(id)}${rest}`;

  return {
    // 'default', not 'no-store', so the answer index.html preloads is used (the server lets nothing cache it).
    listQuestionnaires: () => call('GET', '/api/questionnaires', { cache: 'default' }),
    // A released version never changes: the browser may keep it (the server says for a day, with its ETag).
    questionnaire: (id, version) => call('GET', `/api/questionnaires/${encodeURIComponent(id)}/${encodeURIComponent(version)}`, { cache: 'default' }),
    create: (body) => call('POST', '/api/assessments', { body }),
    load: ({ id, resumeCode }) => call('GET', path(id), { code: resumeCode }),
    patch: ({ id, resumeCode }, revision, patch) => call('PATCH', path(id), { body: { revision, ...patch }, code: resumeCode }),
    submit: ({ id, resumeCode }) => call('POST', path(id, '/submit'), { code: resumeCode }),
    result: ({ id, resumeCode }) => call('GET', path(id, '/result'), { code: resumeCode }),
    resume: (resumeCode) => call('POST', '/api/resume', { body: { resumeCode } }),
    reportPdf: ({ id, resumeCode }, locale) => call('GET', path(id, `/report.pdf?locale=${encodeURIComponent(locale)}`), { code: resumeCode, as: 'blob' }),
    erase: ({ id, resumeCode }) => call('DELETE', path(id), { code: resumeCode, as: 'none' }),
    contactConsent: () => call('GET', '/api/contact-consent'),
    myContact: ({ id, resumeCode }) => call('GET', path(id, '/contact'), { code: resumeCode }),
    saveContact: ({ id, resumeCode }, details) => call('PUT', path(id, '/contact'), { body: details, code: resumeCode }),
    withdrawConsent: ({ id, resumeCode }) => call('DELETE', path(id, '/contact'), { code: resumeCode, as: 'none' }),
    ask: ({ id, resumeCode }, body) => call('POST', path(id, '/requests'), { body, code: resumeCode }),
    withdrawRequest: ({ id, resumeCode }, requestId) => call('DELETE', path(id, `/requests/${encodeURIComponent(requestId)}`), { code: resumeCode, as: 'none' }),
    mailReport: ({ id, resumeCode }, body) => call('POST', path(id, '/mail-report'), { body, code: resumeCode }),
    recheckReminder: ({ id, resumeCode }) => call('GET', path(id, '/recheck-reminder'), { code: resumeCode }),
    setRecheckReminder: ({ id, resumeCode }, body) => call('PUT', path(id, '/recheck-reminder'), { body, code: resumeCode }),
    cancelRecheckReminder: ({ id, resumeCode }) => call('DELETE', path(id, '/recheck-reminder'), { code: resumeCode, as: 'none' }),
  };
}

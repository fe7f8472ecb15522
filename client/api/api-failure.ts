/** How every API client turns a failed request into data: one shape for the UI, whoever asked. */
import type { ProblemCode } from '../../api/problem-codes.ts';
import type { ApiFailure, FailureCode, FieldError } from './api-result.ts';

/** No answer at all (network down, server unreachable): status 0. */
export const offlineFailure = (error: unknown): ApiFailure => ({
  status: 0,
  code: 'client.offline',
  detail: error instanceof Error ? error.message : String(error),
  errors: [],
  retryAfter: null,
});

// Not checked against the code table (its English titles stay out of the bundle): an unknown code gets a generic message.
const isProblemCode = (value: unknown): value is ProblemCode => typeof value === 'string' && /^[a-z][a-z.-]*$/.test(value);

const isFieldError = (value: unknown): value is FieldError =>
  typeof value === 'object' && value !== null && typeof (value as FieldError).pointer === 'string' && typeof (value as FieldError).code === 'string';

/** The server's problem details, read defensively: a proxy may answer with HTML, an older server with other codes. */
export async function failureOf(response: Response): Promise<ApiFailure> {
  const body: unknown = await response.json().catch(() => null);
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code: FailureCode = isProblemCode(fields.code) ? fields.code : response.status >= 500 ? 'internal' : 'client.unexpected-response';
  const retryAfter = Number(response.headers.get('retry-after'));
  const failure: ApiFailure = {
    status: response.status,
    code,
    detail: typeof fields.detail === 'string' ? fields.detail : response.statusText,
    errors: Array.isArray(fields.errors) ? fields.errors.filter(isFieldError) : [],
    retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  };
  if (typeof fields.current === 'object' && fields.current !== null) failure.current = fields.current as ApiFailure['current'];
  return failure;
}

/** RFC 6901 pointer → the dotted path the web app keys its fields by: `/answers/q12` → `answers.q12`. */
export const pathOfPointer = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');

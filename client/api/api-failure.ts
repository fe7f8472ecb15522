/** How every API client turns a failed request into data: one shape for the UI, whoever asked. */
import type { ApiFailure } from './api-types.ts';

/** No answer at all (network down, server unreachable): status 0. */
export const offlineFailure = (error: unknown): ApiFailure => ({
  status: 0,
  error: error instanceof Error ? error.message : String(error),
  issues: [],
});

/** The server's `{ error, issues, current? }`, read defensively: a proxy may answer with HTML. */
export async function failureOf(response: Response): Promise<ApiFailure> {
  const body: unknown = await response.json().catch(() => null);
  const fields = typeof body === 'object' && body !== null ? (body as Partial<ApiFailure>) : {};
  return {
    status: response.status,
    error: typeof fields.error === 'string' ? fields.error : response.statusText,
    issues: Array.isArray(fields.issues) ? fields.issues : [],
    ...(fields.current ? { current: fields.current } : {}),
  };
}

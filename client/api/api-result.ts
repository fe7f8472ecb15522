/**
 * What every API call answers in the web app: the value, or a failure as
 * data. A failure carries the server's problem code (api/problem-codes.ts) —
 * the app turns it into German or English text — or a code of its own when
 * no problem details arrived at all.
 */
import type { AssessmentState } from '../../api/assessments.ts';
import type { ProblemCode } from '../../api/problem-codes.ts';
import type { FieldError } from '../../api/problem.ts';

/** No answer (network down, server unreachable), or an answer that is not problem details (a proxy's error page). */
export const CLIENT_FAILURE_CODES = ['client.offline', 'client.unexpected-response'] as const;
export type ClientFailureCode = (typeof CLIENT_FAILURE_CODES)[number];
export type FailureCode = ProblemCode | ClientFailureCode;

/** An answer that is not 2xx, or no answer at all (`status: 0`). */
export interface ApiFailure {
  status: number;
  code: FailureCode;
  /** English, for the console and bug reports; never shown on a page. */
  detail: string;
  errors: FieldError[];
  /** Seconds to wait (Retry-After of a 429), else null. */
  retryAfter: number | null;
  /** On a 409 about a check: the check as the server has it now. */
  current?: AssessmentState;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

export type { FieldError };

/**
 * The words for every refusal: each problem code (api/problem-codes.ts) and
 * field code has a message in i18n/problems.<locale>.json, so a German page
 * never shows the server's English. A code without a message fails the
 * typecheck here.
 */
import type { FieldCode, ProblemCode } from '../../api/problem-codes.ts';
import type { ApiFailure, ClientFailureCode, FieldError } from '../api/api-result.ts';
import type { MessageKey, Translator } from './i18n.ts';

type ProblemKey = `problem.${ProblemCode | ClientFailureCode | FieldCode}`;
const everyCodeHasAMessage: ProblemKey extends MessageKey ? true : never = true;
void everyCodeHasAMessage;

/** "1 Sekunde", "45 Sekunden", "15 Minuten": a wait as a person reads it (whole minutes from two minutes on). */
export function waitText(i18n: Translator, seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole >= 120) return i18n.t('problem.wait.minutes', { n: Math.ceil(whole / 60) });
  return whole === 1 ? i18n.t('problem.wait.second') : i18n.t('problem.wait.seconds', { n: whole });
}

/** What went wrong, in the page's language; waits (429) say how long, from Retry-After. */
export function problemMessage(i18n: Translator, failure: Pick<ApiFailure, 'code' | 'retryAfter'> & { status?: number }): string {
  const key: string = `problem.${failure.code}` satisfies ProblemKey;
  // A code this app does not know yet (a newer server): the words for its kind of status.
  const known = i18n.has(key) ? key : (failure.status ?? 0) >= 500 ? 'problem.internal' : 'problem.client.unexpected-response';
  return i18n.t(known as MessageKey, { wait: waitText(i18n, failure.retryAfter ?? 60) });
}

/** What is wrong with one field, in the page's language. */
export function fieldMessage(i18n: Translator, error: Pick<FieldError, 'code'>): string {
  return i18n.t(`problem.${error.code}` satisfies ProblemKey);
}

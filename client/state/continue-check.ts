/**
 * Continuing a check from a resume code (typed in, or from the link's
 * fragment): find the check, open it, and name the page to go on with.
 */
import type { ApiResult } from '../api/api-result.ts';
import type { AppState } from './app-state.ts';
import type { CheckSession } from './check-session.ts';
import { formatResumeCode } from './resume-code.ts';
import { RESULT_STEP, whereToContinue } from './steps.ts';

export async function continueWithCode(app: AppState, code: string): Promise<ApiResult<{ id: string; step: string }>> {
  // Kept and shown as the business's code looks everywhere else, however it was typed.
  const resumeCode = formatResumeCode(code) ?? code.trim();
  const found = await app.api.resume(resumeCode);
  if (!found.ok) return found;
  const opened = await app.openCheck({ id: found.value.id, resumeCode });
  if (!opened.ok) return opened;
  return { ok: true, value: { id: found.value.id, step: stepToContinue(opened.value) } };
}

export function stepToContinue(session: CheckSession): string {
  if (session.server.peek().status === 'submitted') return RESULT_STEP;
  const values = session.values.peek();
  return whereToContinue(session.prepared, session.visibility.peek(), values, session.progress.peek(), session.step());
}

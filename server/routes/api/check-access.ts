/**
 * Who may act on one check, for every route under /api/assessments/:id: the
 * business with its resume code (wrong codes throttled), or a session — staff
 * and admins read (every view audited), the visit's scout reads and writes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProblemCode } from '../../../api/problem-codes.ts';
import type { AssessmentRecord } from '../../db/assessment-repository.ts';
import { ProblemError } from '../../errors.ts';
import { assertCsrf } from '../../plugins/auth.ts';

/** Who may open one check: its resume code (guesses throttled), or a session (staff and admins audited, a scout their own visits). */
export const ACCESS_REFUSALS = [
  'request.invalid',
  'resume-code.required',
  'resume-code.wrong',
  'resume-code.too-many-wrong',
  'assessment.not-found',
  'assessment.other-scout',
] as const satisfies readonly ProblemCode[];
/** … and a session's state change needs its CSRF token. */
export const WRITE_ACCESS_REFUSALS = [...ACCESS_REFUSALS, 'auth.csrf-missing', 'auth.cross-site', 'auth.role-required'] as const satisfies readonly ProblemCode[];

export type CheckRequest = FastifyRequest & { params: { id: string }; headers: { 'x-resume-code'?: string } };

export function createCheckAccess(app: FastifyInstance) {
  return async (request: CheckRequest, access: 'read' | 'write' = 'read'): Promise<AssessmentRecord> => {
    const code = request.headers['x-resume-code'];
    if (code !== undefined || !request.user) return app.resumeGuesses.check(request.ip, () => app.assessments.authorize(request.params.id, code));
    assertCsrf(request);
    // Staff read; businesses write: only the code's holder or the visit's scout changes answers.
    if (access === 'write' && request.user.role !== 'scout') throw new ProblemError('auth.role-required', 'only the business (its resume code) or the visit’s scout changes a check');
    const record = await app.assessments.authorizeUser(request.params.id, request.user);
    if (request.user.role !== 'scout') await app.audit(request, 'assessment.view', record.id, { method: request.method, route: request.routeOptions.url });
    return record;
  };
}

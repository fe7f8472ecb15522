/**
 * Process scouts' visits over HTTP: the tablets' offline sync, the scouts'
 * list and one visit with its notes. Every route needs a session; staff and
 * admins reading a visit are audited.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AssessmentIdParams } from '../../../api/assessments.ts';
import { SyncBody, SyncResponse, VisitListQuery, VisitPage, VisitView } from '../../../api/visits.ts';
import { BODY_REFUSALS, SESSION_WRITE_REFUSALS, refusals } from '../../errors.ts';

const security: Record<string, string[]>[] = [{ session: [] }];

// A day offline can fill an outbox: room for 500 changes with long notes. A larger one is split by the tablet.
const SYNC_BODY_LIMIT = 2 * 1024 * 1024;

export const visitRoutes: FastifyPluginAsyncZod = async (app) => {
  // On onRequest, not preHandler: a request without a session answers 401 before its body is even parsed.
  const scoutOrAdmin = app.requireRole('scout', 'admin');
  const anyRole = app.requireRole('scout', 'staff', 'admin');

  app.post(
    '/api/sync',
    {
      onRequest: scoutOrAdmin,
      bodyLimit: SYNC_BODY_LIMIT,
      schema: {
        tags: ['visits'],
        summary: 'Apply a batch of changes from a tablet (idempotent: a replay answers the same)',
        description:
          'Every change is an upsert; each field keeps the version `hlc|deviceId|seq|changeId` of its last write, so batches converge in any order. ' +
          'The hybrid clock is never taken further than the server’s clock at receipt, so a tablet whose clock runs fast does not win. ' +
          'The whole batch or nothing: the same changeId with other content answers 409, a change for a visit of another user 403. ' +
          'A resume code already in use answers 409 and counts as a wrong resume code: past the limits it answers 429 with Retry-After. ' +
          'A replay answers the same bytes for as long as a tablet may stay offline (PROCHECK_SYNC_WINDOW_DAYS); older changes answer applied: false, reason: expired.',
        body: SyncBody,
        security,
        response: {
          200: SyncResponse,
          ...refusals([
            ...BODY_REFUSALS,
            ...SESSION_WRITE_REFUSALS,
            'sync.invalid-changes',
            'sync.foreign-visit',
            'sync.foreign-change',
            'sync.change-conflict',
            'sync.version-mismatch',
            'sync.resume-code-taken',
            'resume-code.too-many-wrong',
          ]),
        },
      },
    },
    // "Already in use" says a code exists: it is counted and limited like a wrong resume code.
    async (request) => app.resumeGuesses.check(request.ip, () => app.visits.sync(request.user!, request.body.changes)),
  );

  app.get(
    '/api/visits',
    {
      onRequest: anyRole,
      schema: {
        tags: ['visits'],
        summary: 'Visits, a page at a time, newest visit date first: a scout’s own, or everybody’s for staff',
        querystring: VisitListQuery,
        security,
        // Every role may list visits: a session is all it takes.
        response: { 200: VisitPage, ...refusals(['request.invalid', 'auth.login-required']) },
      },
    },
    async (request) => {
      const user = request.user!;
      if (user.role !== 'scout') await app.audit(request, 'visit.list', null);
      return app.visits.list(user, request.query);
    },
  );

  app.get(
    '/api/visits/:id',
    {
      onRequest: anyRole,
      schema: {
        tags: ['visits'],
        summary: 'One visit: its check, the business and the notes per dimension',
        params: AssessmentIdParams,
        security,
        response: { 200: VisitView, ...refusals(['request.invalid', 'auth.login-required', 'assessment.not-found', 'assessment.other-scout', 'visit.not-found']) },
      },
    },
    async (request) => {
      const user = request.user!;
      const view = await app.visits.get(request.params.id, user);
      if (user.role !== 'scout') await app.audit(request, 'visit.view', view.id);
      return view;
    },
  );
};

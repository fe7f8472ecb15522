/**
 * Mail over HTTP (issue 17): the report by mail and the re-check reminder for
 * a business (its resume code, like every route of one check), one-click
 * unsubscribe without any session (RFC 8058), each staff member's choice of
 * how to hear of new requests, and the admins' view of the queue.
 */
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AssessmentIdParams, ResumeCodeHeader } from '../../../api/assessments.ts';
import {
  MailIdParams,
  MailPreferences,
  MailPurged,
  MailQueue,
  MailQueueQuery,
  MailQueued,
  MailReportBody,
  RecheckReminder,
  RecheckReminderBody,
  UnsubscribeQuery,
} from '../../../api/mail.ts';
import { BODY_REFUSALS, SESSION_REFUSALS, SESSION_WRITE_REFUSALS, refusals } from '../../errors.ts';
import { UNSUBSCRIBE_PATH } from '../../mail/compose.ts';
import { escapeHtml } from '../../mail/templates/layout.ts';
import { ACCESS_REFUSALS, WRITE_ACCESS_REFUSALS, createCheckAccess } from './check-access.ts';

const checkSecurity: Record<string, string[]>[] = [{ resumeCode: [] }, { session: [] }];
const sessionSecurity: Record<string, string[]>[] = [{ session: [] }];

export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  const authorized = createCheckAccess(app);
  const staff = app.requireRole('staff', 'admin');
  const admin = app.requireRole('admin');

  app.post(
    '/api/assessments/:id/mail-report',
    {
      schema: {
        tags: ['mail'],
        summary: 'Send the PDF report, with the resume link, to the address typed (at most a few per check and per address an hour)',
        description: 'Queued with the request and sent within seconds. The resume link carries the code only when the request was made with it (x-resume-code).',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        body: MailReportBody,
        security: checkSecurity,
        response: { 202: MailQueued, ...refusals([...BODY_REFUSALS, ...WRITE_ACCESS_REFUSALS, 'assessment.not-submitted', 'mail.too-many']) },
      },
    },
    async (request, reply) => {
      const record = await authorized(request);
      const queued = await app.mail.requestReport(record, { ...request.body, resumeCode: request.headers['x-resume-code'] });
      return reply.status(202).send(queued);
    },
  );

  app.get(
    '/api/assessments/:id/recheck-reminder',
    {
      schema: {
        tags: ['mail'],
        summary: 'Whether, where and when the business is reminded to take the check again',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        security: checkSecurity,
        response: { 200: RecheckReminder, ...refusals(ACCESS_REFUSALS) },
      },
    },
    async (request) => ({ reminder: await app.mail.reminder(await authorized(request)), months: app.mailPolicy.recheckReminderMonths }),
  );

  app.put(
    '/api/assessments/:id/recheck-reminder',
    {
      schema: {
        tags: ['mail'],
        summary: 'Opt in to the re-check reminder (or change its address): one mail, some months after the check',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        body: RecheckReminderBody,
        security: checkSecurity,
        response: { 200: RecheckReminder, ...refusals([...BODY_REFUSALS, ...WRITE_ACCESS_REFUSALS, 'assessment.not-submitted']) },
      },
    },
    async (request) => ({ reminder: await app.mail.saveReminder(await authorized(request, 'write'), request.body), months: app.mailPolicy.recheckReminderMonths }),
  );

  app.delete(
    '/api/assessments/:id/recheck-reminder',
    {
      schema: {
        tags: ['mail'],
        summary: 'No reminder after all (idempotent)',
        params: AssessmentIdParams,
        headers: ResumeCodeHeader,
        security: checkSecurity,
        response: { 204: z.null().describe('No reminder'), ...refusals([...BODY_REFUSALS, ...WRITE_ACCESS_REFUSALS]) },
      },
    },
    async (request, reply) => {
      await app.mail.cancelReminder(await authorized(request, 'write'));
      return reply.status(204).send(null);
    },
  );

  // RFC 8058 one-click unsubscribe: mail programs POST `List-Unsubscribe=One-Click` as a form, so this
  // route reads any body as text and ignores it — the token in the URL is all it needs.
  await app.register(async (scope) => {
    const unsubscribe = scope.withTypeProvider<ZodTypeProvider>();
    unsubscribe.removeAllContentTypeParsers();
    unsubscribe.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    unsubscribe.post(
      UNSUBSCRIBE_PATH,
      {
        schema: {
          tags: ['mail'],
          summary: 'One-click unsubscribe from the re-check reminder (RFC 8058): no session, idempotent, any body',
          querystring: UnsubscribeQuery,
          response: { 200: z.object({ unsubscribed: z.literal(true) }), ...refusals(['request.invalid', 'request.malformed', 'request.too-large']) },
        },
      },
      async (request) => {
        await app.mail.unsubscribe(request.query.token);
        return { unsubscribed: true as const };
      },
    );
  });

  // A person who clicks the link in the mail's text gets a button: a GET must not unsubscribe (link scanners fetch links).
  app.get(
    UNSUBSCRIBE_PATH,
    {
      schema: {
        tags: ['mail'],
        summary: 'A page with a button that unsubscribes (the mail text links here)',
        querystring: UnsubscribeQuery,
        produces: ['text/html'],
        response: { 200: { description: 'An HTML page with one form', content: { 'text/html': { schema: z.string() } } }, ...refusals(['request.invalid']) },
      },
    },
    async (request, reply) => {
      const action = `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(request.query.token)}`;
      return reply.header('content-type', 'text/html; charset=utf-8').send(`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Erinnerung abbestellen / Unsubscribe</title></head>
<body style="font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem">
<h1>Erinnerung abbestellen</h1>
<p>Sie erhalten dann keine Erinnerung an einen neuen Digitalisierungs-Check mehr.</p>
<p lang="en">You will no longer be reminded to take the digital-maturity check again.</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Abbestellen / Unsubscribe</button></form>
</body></html>
`);
    },
  );

  app.get(
    '/api/mail/preferences',
    { preHandler: staff, schema: { tags: ['mail'], summary: 'How the logged-in staff member hears of new requests', security: sessionSecurity, response: { 200: MailPreferences, ...refusals(SESSION_REFUSALS) } } },
    async (request) => app.mail.preferences(request.user!),
  );

  app.put(
    '/api/mail/preferences',
    {
      preHandler: staff,
      schema: {
        tags: ['mail'],
        summary: 'Choose: a mail per new request at once, a daily digest, or none',
        body: MailPreferences,
        security: sessionSecurity,
        response: { 200: MailPreferences, ...refusals([...BODY_REFUSALS, ...SESSION_WRITE_REFUSALS]) },
      },
    },
    async (request) => app.mail.savePreferences(request.user!, request.body),
  );

  app.get(
    '/api/admin/mail-outbox',
    {
      preHandler: admin,
      schema: {
        tags: ['mail'],
        summary: 'The mail queue: what waits, what is being sent, what failed (with the server’s answer)',
        querystring: MailQueueQuery,
        security: sessionSecurity,
        response: { 200: MailQueue, ...refusals(['request.invalid', ...SESSION_REFUSALS]) },
      },
    },
    async (request) => {
      await app.audit(request, 'mail.queue.view', null, { status: request.query.status ?? null });
      return { transport: app.mailTransport.describe(), ...(await app.mail.queue(request.query.status, 200)) };
    },
  );

  app.delete(
    '/api/admin/mail-outbox',
    {
      preHandler: admin,
      schema: {
        tags: ['mail'],
        summary: 'Purge the queue: every mail, or those of one status',
        querystring: MailQueueQuery,
        security: sessionSecurity,
        response: { 200: MailPurged, ...refusals(['request.invalid', ...SESSION_WRITE_REFUSALS]) },
      },
    },
    async (request) => {
      const deleted = await app.mail.purge(request.query.status);
      await app.audit(request, 'mail.queue.purge', null, { status: request.query.status ?? null, deleted });
      return { deleted };
    },
  );

  app.delete(
    '/api/admin/mail-outbox/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['mail'],
        summary: 'Delete one mail from the queue',
        params: MailIdParams,
        security: sessionSecurity,
        response: { 204: z.null().describe('Deleted'), ...refusals(['request.invalid', ...SESSION_WRITE_REFUSALS, 'mail.not-found']) },
      },
    },
    async (request, reply) => {
      await app.mail.removeMail(request.params.id);
      await app.audit(request, 'mail.queue.delete', request.params.id);
      return reply.status(204).send(null);
    },
  );
};

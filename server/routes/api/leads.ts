/**
 * The leads inbox ("Anfragen") for staff and admins: every business that
 * consented to contact and everything it asked for, with the chamber's
 * follow-up; the leads export and, per offer, the interested businesses.
 * Every view of a business and every export is audited.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, Locale } from '../../../questionnaires/engine/index.ts';
import { Assignee, InterestedBusiness, Lead, LeadPage, LeadPageQuery, LeadPatch, LeadsCsvQuery } from '../../../api/leads.ts';
import type { ProblemCode } from '../../../api/problem-codes.ts';
import { BODY_REFUSALS, SESSION_REFUSALS, SESSION_WRITE_REFUSALS, refusals } from '../../errors.ts';
import { CSV_BOM, csvLine } from '../../../reports/export-csv.ts';
import { type LeadExportRow, exportVocabulary, leadRows } from '../../../reports/export-tables.ts';
import type { LeadRecord } from '../../db/lead-repository.ts';
import type { RequestView } from '../../leads/lead-service.ts';

const security: Record<string, string[]>[] = [{ session: [] }];
const csvResponse = (codes: readonly ProblemCode[]) => ({
  200: { description: 'Semicolon-separated UTF-8 with a BOM', content: { 'text/csv': { schema: z.string().meta({ format: 'binary' }) } } },
  ...refusals(codes),
});
const READ = ['request.invalid', ...SESSION_REFUSALS] as const satisfies readonly ProblemCode[];

export const leadRoutes: FastifyPluginAsyncZod<{ now: () => Date }> = async (app, { now }) => {
  const staff = app.requireRole('staff', 'admin');
  const recordOf = (request: FastifyRequest, id: string) => app.assessments.authorizeUser(id, request.user!);

  const exportRow = (lead: LeadRecord & { requests?: RequestView[] }, requests: RequestView[]): LeadExportRow => ({
    ...lead,
    assignee: lead.assignee ? lead.assignee.name || lead.assignee.email : null,
    requests: requests.map((r) => ({ kind: r.kind, title: r.title, createdAt: r.createdAt })),
  });
  const vocabularyFor = async (lead: { questionnaireId: string; questionnaireVersion: string } | undefined, locale: 'de' | 'en') => {
    const prepared = (lead && app.questionnaires.get(lead.questionnaireId, lead.questionnaireVersion)) ?? app.questionnaires.latest(app.questionnaires.list()[0]!.id)!;
    return exportVocabulary(prepared, await app.offers.current(), locale);
  };
  const csvReply = (reply: FastifyReply, name: string) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="procheck-${name}-${now().toISOString().slice(0, 10)}.csv"`)
      .header('cache-control', 'no-store');

  app.get(
    '/api/leads',
    { preHandler: staff, schema: { tags: ['leads'], summary: 'The inbox: businesses that consented to contact and their requests, newest activity first, a page at a time', querystring: LeadPageQuery, security, response: { 200: LeadPage, ...refusals(READ) } } },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const page = await app.leads.page(filters, limit, cursor);
      await app.audit(request, 'leads.list', null, { filters, count: page.items.length });
      return page;
    },
  );

  app.get(
    '/api/leads/assignees',
    { preHandler: staff, schema: { tags: ['leads'], summary: 'The staff and admins a lead can be assigned to', security, response: { 200: Assignee.array(), ...refusals(SESSION_REFUSALS) } } },
    async () => app.leads.assignees(),
  );

  app.get(
    '/api/leads/:id',
    { preHandler: staff, schema: { tags: ['leads'], summary: 'One lead (by its check id)', params: z.strictObject({ id: z.uuid() }), security, response: { 200: Lead, ...refusals([...READ, 'assessment.not-found', 'lead.not-found']) } } },
    async (request) => {
      const lead = await app.leads.get(await recordOf(request, request.params.id));
      await app.audit(request, 'lead.view', lead.id);
      return lead;
    },
  );

  app.patch(
    '/api/leads/:id',
    {
      preHandler: staff,
      schema: { tags: ['leads'], summary: 'Status (new → contacted → closed with an outcome), assignee, notes; a stale revision answers 409 with the current lead', params: z.strictObject({ id: z.uuid() }), body: LeadPatch, security,
        response: { 200: Lead, ...refusals([...BODY_REFUSALS, ...SESSION_WRITE_REFUSALS, 'assessment.not-found', 'lead.not-found', 'lead.invalid', 'lead.revision-conflict'], { 409: { current: Lead.optional().describe('The lead as stored now') } }) } },
    },
    async (request) => {
      const { before, after } = await app.leads.update(await recordOf(request, request.params.id), request.body);
      const pick = (l: typeof before) => ({ status: l.status, outcome: l.outcome, assignee: l.assignee?.id ?? null, notes: l.notes });
      await app.audit(request, 'lead.update', after.id, { before: pick(before), after: pick(after) });
      return after;
    },
  );

  app.get(
    '/api/exports/leads.csv',
    {
      preHandler: staff,
      schema: { tags: ['leads'], summary: 'Every lead with contact details, result summary, requests and follow-up (Excel-de, formula-safe)', querystring: LeadsCsvQuery, security, produces: ['text/csv'], response: csvResponse(READ) },
    },
    async (request, reply) => {
      const { locale, ...filters } = request.query;
      const leads = await app.leads.all(filters);
      await app.audit(request, 'export.leads', null, { filters, rows: leads.length });
      const exported: LeadExportRow[] = [];
      for (const lead of leads) exported.push(exportRow(lead, await app.leads.requestsOf(lead)));
      const rows = leadRows(await vocabularyFor(leads[0], locale), exported, locale);
      return csvReply(reply, 'anfragen').send(CSV_BOM + rows.map(csvLine).join(''));
    },
  );

  for (const kind of ['workshop', 'partner'] as const) {
    const path = `/api/catalogue/${kind}s/:id/interested`;
    app.get(
      path,
      { preHandler: staff, schema: { tags: ['leads'], summary: `The businesses that asked about one ${kind}, in the order they asked`, params: z.strictObject({ id: Id }), security, response: { 200: InterestedBusiness.array(), ...refusals([...READ, 'offer.not-found']) } } },
      async (request) => {
        const list = await app.leads.interested(kind, request.params.id);
        await app.audit(request, 'leads.interested', `${kind}:${request.params.id}`, { count: list.length });
        return list.map(({ assessmentRowId: _rowId, ...lead }) => ({ ...lead, id: lead.assessmentId }));
      },
    );
    app.get(
      `${path}.csv`,
      { preHandler: staff, schema: { tags: ['leads'], summary: `The businesses that asked about one ${kind}, for its organiser (Excel-de)`, params: z.strictObject({ id: Id }), querystring: z.strictObject({ locale: Locale.default('de') }), security, produces: ['text/csv'], response: csvResponse([...READ, 'offer.not-found']) } },
      async (request, reply) => {
        const list = await app.leads.interested(kind, request.params.id);
        await app.audit(request, 'export.interested', `${kind}:${request.params.id}`, { rows: list.length });
        const exported: LeadExportRow[] = [];
        for (const lead of list) exported.push(exportRow(lead, (await app.leads.requestsOf(lead)).filter((r) => r.offerKind === kind && r.offerId === request.params.id)));
        const rows = leadRows(await vocabularyFor(list[0], request.query.locale), exported, request.query.locale);
        return csvReply(reply, `interessenten-${request.params.id}`).send(CSV_BOM + rows.map(csvLine).join(''));
      },
    );
  }
};

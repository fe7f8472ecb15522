/**
 * The offers editor's API: workshops, partners and topics, for staff and
 * admins. Every change lands in the audit log with the entry before and after.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EditableKind } from '../../catalogue/catalogue-service.ts';
import { BODY_REFUSALS, SESSION_REFUSALS, SESSION_WRITE_REFUSALS, refusals } from '../../errors.ts';
import { OfferEntry as EntryView, ListOffersQuery, OFFER_SCHEMAS, OfferIdParams, RetireQuery } from '../../../api/offers.ts';

const security: Record<string, string[]>[] = [{ session: [] }];

export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('staff', 'admin');

  for (const kind of ['workshop', 'partner', 'topic'] as const satisfies EditableKind[]) {
    const { create, patch, path } = OFFER_SCHEMAS[kind];
    const base = `/api/catalogue/${path}`;
    const tags = ['catalogue'];

    app.get(
      base,
      { preHandler: staff, schema: { tags, summary: `All ${path}, soonest first for workshops; ?retired=true includes retired ones`, querystring: ListOffersQuery, security, response: { 200: EntryView.array(), ...refusals(['request.invalid', ...SESSION_REFUSALS]) } } },
      async (request) => app.offers.list(kind, request.query.retired === 'true'),
    );

    app.get(
      `${base}/:id`,
      { preHandler: staff, schema: { tags, summary: `One ${kind} with its revision`, params: OfferIdParams, security, response: { 200: EntryView, ...refusals(['request.invalid', ...SESSION_REFUSALS, 'offer.not-found']) } } },
      async (request) => app.offers.get(kind, request.params.id),
    );

    app.post(
      base,
      {
        preHandler: staff,
        schema: {
          tags,
          summary: `Add a ${kind} (the body is an entry of ${path}.json); 400 names each bad field, e.g. an unknown topic or a duplicate id`,
          body: create,
          security,
          response: { 201: EntryView, ...refusals([...BODY_REFUSALS, ...SESSION_WRITE_REFUSALS, 'offer.invalid']) },
        },
      },
      async (request, reply) => {
        const created = await app.offers.create(kind, request.body as Record<string, unknown>);
        await app.audit(request, `catalogue.${kind}.create`, created.id, { before: null, after: created.data });
        return reply.status(201).send(created);
      },
    );

    app.patch(
      `${base}/:id`,
      {
        preHandler: staff,
        schema: { tags, summary: `Change a ${kind}: the fields given (null clears one); a stale revision answers 409 with the current entry`, params: OfferIdParams, body: patch, security, response: { 200: EntryView, ...refusals([...BODY_REFUSALS, ...SESSION_WRITE_REFUSALS, 'offer.invalid', 'offer.not-found', 'offer.revision-conflict', 'offer.retired'], { 409: { current: EntryView.optional().describe('The entry as stored now') } }) } },
      },
      async (request) => {
        const { revision, ...changes } = request.body as { revision: number } & Record<string, unknown>;
        const { before, after } = await app.offers.update(kind, request.params.id, revision, changes);
        await app.audit(request, `catalogue.${kind}.update`, after.id, { before: before.data, after: after.data });
        return after;
      },
    );

    app.delete(
      `${base}/:id`,
      {
        preHandler: staff,
        schema: { tags, summary: `Retire a ${kind}: never offered again, kept for the requests that name it`, params: OfferIdParams, querystring: RetireQuery, security, response: { 200: EntryView, ...refusals(['request.invalid', ...SESSION_WRITE_REFUSALS, 'offer.not-found', 'offer.revision-conflict', 'offer.in-use'], { 409: { current: EntryView.optional().describe('The entry as stored now') } }) } },
      },
      async (request) => {
        const { before, after } = await app.offers.retire(kind, request.params.id, request.query.revision);
        if (!before.retired) await app.audit(request, `catalogue.${kind}.retire`, after.id, { before: before.data, after: { ...after.data, retired: true } });
        return after;
      },
    );
  }
};

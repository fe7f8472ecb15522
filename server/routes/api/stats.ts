/** The staff dashboard's figures and the two anonymised CSV exports. Every export is audited. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DemandView } from '../../../api/leads.ts';
import { StatsQuery } from '../../../api/stats.ts';
import type { StatsGroup } from '../../../api/vocabulary.ts';
import { CSV_BOM, csvLine } from '../../../reports/export-csv.ts';
import { aggregatesRows, exportVocabulary } from '../../../reports/export-tables.ts';
import type { FactFilters } from '../../db/facts-repository.ts';
import type { ReleaseGroup } from '../../stats/release.ts';
import { ProblemError, SESSION_REFUSALS, refusals } from '../../errors.ts';
import { exportResultsCsv } from '../../stats/export-results.ts';

// The API's groupings (api/vocabulary.ts) are exactly the release's: one changed alone fails the typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const groupsMatch: Same<StatsGroup, ReleaseGroup> = true;
void groupsMatch;

/** How far ahead the demand view counts workshops. */
const UPCOMING_DAYS = 90;

type Query = z.infer<typeof StatsQuery>;
const staffRefusals = refusals(['request.invalid', ...SESSION_REFUSALS, 'questionnaire.not-found']);
const csvResponse = {
  200: { description: 'Semicolon-separated UTF-8 with a BOM', content: { 'text/csv': { schema: z.string().meta({ format: 'binary' }) } } },
  ...staffRefusals,
};
const security: Record<string, string[]>[] = [{ session: [] }];

export const statsRoutes: FastifyPluginAsyncZod<{ now: () => Date }> = async (app, { now }) => {
  const staff = app.requireRole('staff', 'admin');

  const filtersOf = (query: Query): FactFilters => {
    const { groupBy: _g, locale: _l, questionnaireId, ...rest } = query;
    const id = questionnaireId ?? app.questionnaires.list()[0]!.id;
    return { questionnaireId: id, ...rest };
  };
  const preparedFor = (filters: FactFilters) => {
    const prepared = filters.version ? app.questionnaires.get(filters.questionnaireId, filters.version) : app.questionnaires.latest(filters.questionnaireId);
    if (!prepared) throw new ProblemError('questionnaire.not-found', `no questionnaire ${filters.questionnaireId} ${filters.version ?? ''}`.trim());
    return prepared;
  };
  const csvReply = (reply: FastifyReply, name: string) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="procheck-${name}-${now().toISOString().slice(0, 10)}.csv"`)
      .header('cache-control', 'no-store');
  const auditExport = (request: FastifyRequest, what: string, query: Query, details: Record<string, unknown> = {}) =>
    app.audit(request, `export.${what}`, null, { filters: query, ...details });

  app.get(
    '/api/stats',
    { preHandler: staff, schema: { tags: ['staff'], summary: 'Dashboard figures over the anonymised release: distributions and levels, filtered and grouped', querystring: StatsQuery, security, response: staffRefusals } },
    async (request) => {
      const filters = filtersOf(request.query);
      preparedFor(filters);
      return await app.stats.dashboard(filters, request.query.groupBy ?? null);
    },
  );

  app.get(
    '/api/stats/demand',
    {
      preHandler: staff,
      schema: {
        tags: ['staff'],
        summary: 'Demand against offer: per topic, the businesses in the view with it among their fields of action (over the anonymised release) and the workshops on it starting in the next 90 days; a topic with demand and none is flagged',
        querystring: StatsQuery,
        security,
        response: { 200: DemandView, ...staffRefusals },
      },
    },
    async (request) => {
      const filters = filtersOf(request.query);
      preparedFor(filters);
      const today = now().toISOString().slice(0, 10);
      return await app.stats.demand(filters, await app.offers.upcomingByTopic(today, UPCOMING_DAYS), UPCOMING_DAYS);
    },
  );

  app.get(
    '/api/exports/results.csv',
    { preHandler: staff, schema: { tags: ['staff'], summary: 'One row per submitted check in the anonymised release (every description shared by at least five checks), contact-free (consented contacts are in leads.csv); streamed', querystring: StatsQuery, security, produces: ['text/csv'], response: csvResponse } },
    async (request, reply) => {
      const filters = filtersOf(request.query);
      const vocabulary = exportVocabulary(preparedFor(filters), await app.offers.current(), request.query.locale);
      const { stream, release } = await exportResultsCsv(app.sql, filters, vocabulary, (error) => request.log.error({ err: error }, 'results.csv snapshot not closed'));
      const { coarsened, withheld } = release.counts;
      await auditExport(request, 'results', request.query, { coarsenedChecks: coarsened, withheldChecks: withheld });
      // Questionnaire-wide counts, the same for every filter: a per-filter count would itself tell small groups apart.
      return csvReply(reply, 'ergebnisse').header('x-procheck-coarsened-checks', String(coarsened)).header('x-procheck-withheld-checks', String(withheld)).send(stream);
    },
  );

  app.get(
    '/api/exports/aggregates.csv',
    { preHandler: staff, schema: { tags: ['staff'], summary: 'The grouped figures of the dashboard as a table', querystring: StatsQuery, security, produces: ['text/csv'], response: csvResponse } },
    async (request, reply) => {
      const filters = filtersOf(request.query);
      const prepared = preparedFor(filters);
      const vocabulary = exportVocabulary(prepared, await app.offers.current(), request.query.locale);
      const stats = (await app.stats.dashboard(filters, request.query.groupBy ?? null))!;
      const groupBy = request.query.groupBy;
      const label = (key: string) =>
        groupBy === 'trade' ? vocabulary.trade(key) : groupBy === 'employees' ? vocabulary.employees(key) : groupBy === 'region' ? vocabulary.region(key) : groupBy === 'channel' ? vocabulary.channel(key) : groupBy === 'version' ? vocabulary.version(key) : key;
      await auditExport(request, 'aggregates', request.query);
      return csvReply(reply, 'kennzahlen').send(CSV_BOM + aggregatesRows(vocabulary, stats, label).map(csvLine).join(''));
    },
  );
};

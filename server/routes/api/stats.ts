/** The staff dashboard's figures and the two anonymised CSV exports. Every export is audited. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, Locale } from '../../../questionnaires/engine/index.ts';
import { CSV_BOM, csvLine } from '../../../reports/export-csv.ts';
import { aggregatesRows, exportVocabulary } from '../../../reports/export-tables.ts';
import type { FactFilters } from '../../db/facts-repository.ts';
import { RELEASE_GROUPS } from '../../stats/release.ts';
import { notFound } from '../../errors.ts';
import { exportResultsCsv } from '../../stats/export-results.ts';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-11');
/** '' selects "not given". */
const Value = z.union([Id, z.literal('')]);

export const StatsQuery = z.strictObject({
  questionnaireId: Id.optional().describe('Defaults to the first released questionnaire'),
  version: z.string().max(32).optional(),
  channel: z.enum(['online', 'visit']).optional(),
  trade: Value.optional(),
  employees: Value.optional(),
  region: Value.optional(),
  from: Month.optional(),
  to: Month.optional(),
  groupBy: z.enum(RELEASE_GROUPS).optional(),
  locale: Locale.default('de'),
});
type StatsQuery = z.infer<typeof StatsQuery>;

export const statsRoutes: FastifyPluginAsyncZod<{ databaseFile: string; now: () => Date }> = async (app, { databaseFile, now }) => {
  const staff = app.requireRole('staff', 'admin');

  const filtersOf = (query: StatsQuery): FactFilters => {
    const { groupBy: _g, locale: _l, questionnaireId, ...rest } = query;
    const id = questionnaireId ?? app.questionnaires.list()[0]!.id;
    return { questionnaireId: id, ...rest };
  };
  const preparedFor = (filters: FactFilters) => {
    const prepared = filters.version ? app.questionnaires.get(filters.questionnaireId, filters.version) : app.questionnaires.latest(filters.questionnaireId);
    if (!prepared) throw notFound(`no questionnaire ${filters.questionnaireId} ${filters.version ?? ''}`.trim());
    return prepared;
  };
  const csvReply = (reply: FastifyReply, name: string) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="procheck-${name}-${now().toISOString().slice(0, 10)}.csv"`)
      .header('cache-control', 'no-store');
  const auditExport = (request: FastifyRequest, what: string, query: StatsQuery, details: Record<string, unknown> = {}) =>
    app.audit(request, `export.${what}`, null, { filters: query, ...details });

  app.get(
    '/api/stats',
    { preHandler: staff, schema: { tags: ['staff'], summary: 'Dashboard figures over the anonymised release: distributions and levels, filtered and grouped', querystring: StatsQuery } },
    async (request) => {
      const filters = filtersOf(request.query);
      preparedFor(filters);
      return app.stats.dashboard(filters, request.query.groupBy ?? null);
    },
  );

  app.get(
    '/api/exports/results.csv',
    { preHandler: staff, schema: { tags: ['staff'], summary: 'One row per submitted check in the anonymised release (every description shared by at least five checks), without names or e-mails unless consented; streamed', querystring: StatsQuery } },
    async (request, reply) => {
      const filters = filtersOf(request.query);
      const vocabulary = exportVocabulary(preparedFor(filters), app.catalogue, request.query.locale);
      const { stream, release } = exportResultsCsv(databaseFile, filters, vocabulary);
      const { coarsened, withheld } = release.counts;
      auditExport(request, 'results', request.query, { coarsenedChecks: coarsened, withheldChecks: withheld });
      // Questionnaire-wide counts, the same for every filter: a per-filter count would itself tell small groups apart.
      return csvReply(reply, 'ergebnisse').header('x-procheck-coarsened-checks', String(coarsened)).header('x-procheck-withheld-checks', String(withheld)).send(stream);
    },
  );

  app.get(
    '/api/exports/aggregates.csv',
    { preHandler: staff, schema: { tags: ['staff'], summary: 'The grouped figures of the dashboard as a table', querystring: StatsQuery } },
    async (request, reply) => {
      const filters = filtersOf(request.query);
      const prepared = preparedFor(filters);
      const vocabulary = exportVocabulary(prepared, app.catalogue, request.query.locale);
      const stats = app.stats.dashboard(filters, request.query.groupBy ?? null)!;
      const groupBy = request.query.groupBy;
      const label = (key: string) =>
        groupBy === 'trade' ? vocabulary.trade(key) : groupBy === 'employees' ? vocabulary.employees(key) : groupBy === 'region' ? vocabulary.region(key) : groupBy === 'channel' ? vocabulary.channel(key) : groupBy === 'version' ? vocabulary.version(key) : key;
      auditExport(request, 'aggregates', request.query);
      return csvReply(reply, 'kennzahlen').send(CSV_BOM + aggregatesRows(vocabulary, stats, label).map(csvLine).join(''));
    },
  );
};

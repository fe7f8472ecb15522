/** The staff dashboard's query (its figures are typed in reports/export-tables.ts, beside the CSV export that shares them). */
import { z } from 'zod';
import { Id, Locale } from '../questionnaires/engine/index.ts';
import { CHANNELS, STATS_GROUPS } from './vocabulary.ts';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-11');
/** '' selects "not given". */
const Value = z.union([Id, z.literal('')]);

export const StatsQuery = z.strictObject({
  questionnaireId: Id.optional().describe('Defaults to the first released questionnaire'),
  version: z.string().max(32).optional(),
  channel: z.enum(CHANNELS).optional(),
  trade: Value.optional(),
  employees: Value.optional(),
  region: Value.optional(),
  from: Month.optional(),
  to: Month.optional(),
  groupBy: z.enum(STATS_GROUPS).optional(),
  locale: Locale.default('de'),
});
/** As the web app builds it; '' for trade, employees or region selects "not given". */
export type StatsQuery = z.input<typeof StatsQuery>;

/**
 * Half a year of submitted checks for the dashboard screenshot: several trades
 * of different size and maturity (two too small to be shown), three regions,
 * all business sizes, a slow rise month by month. Deterministic: the same
 * pseudo-random sequence every run, so the picture only changes with the code.
 */
import type { FastifyInstance } from 'fastify';
import type { AnswerValue, PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
import { resolveVisibility } from '../../questionnaires/engine/index.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { answerReaching } from '../helpers/sample-results.ts';

/** Trade, how many checks, how far its businesses are on average (0–1). */
const TRADES: [string, number, number][] = [
  ['bau-ausbau', 18, 0.42],
  ['elektro-metall', 16, 0.58],
  ['holz-kunststoff', 12, 0.5],
  ['lebensmittel', 10, 0.3],
  ['gesundheit-koerperpflege-reinigung', 8, 0.46],
  ['bekleidung-textil-leder', 3, 0.35],
  ['glas-papier-keramik-sonstige', 4, 0.4],
];
const POSTCODES = ['46236', '45879', '45657', '45659', '44575'];
const MONTHS = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

/** mulberry32: a tiny seeded generator. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDashboardChecks(app: FastifyInstance, prepared: PreparedQuestionnaire, setClock: (at: Date) => void): Promise<number> {
  const next = random(20261123);
  const bands = [...prepared.employeeBandIds];
  const dimensions = new Map(prepared.definition.dimensions.map((d, i) => [d.id, i]));
  let count = 0;
  for (const [trade, total, base] of TRADES) {
    for (let i = 0; i < total; i++) {
      const month = Math.floor(next() * MONTHS.length);
      const rise = month * 0.025;
      const business = base + rise + (next() - 0.5) * 0.45;
      // Each business is stronger in some areas than in others.
      const reach = [...dimensions.keys()].map(() => Math.max(0, Math.min(1, business + (next() - 0.5) * 0.35)));
      const profile = { trade, employees: bands[Math.floor(next() * bands.length)]!, postcode: POSTCODES[Math.floor(next() * POSTCODES.length)]! };
      const answers: Record<string, AnswerValue> = {};
      for (const { question, dimension } of prepared.questions) {
        if (!resolveVisibility(prepared, answers, profile).visible.some((e) => e.question.id === question.id)) continue;
        const value = answerReaching(question, reach[dimensions.get(dimension) ?? 0]!);
        if (value !== undefined) answers[question.id] = value;
      }
      const day = 1 + Math.floor(next() * 27);
      setClock(new Date(`${MONTHS[month]}-${String(day).padStart(2, '0')}T${String(8 + Math.floor(next() * 9)).padStart(2, '0')}:00:00Z`));
      await submitAnswerSet(app, { profile, answers, relevance: {} });
      count++;
    }
  }
  return count;
}

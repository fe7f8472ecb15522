/**
 * Drawing referrals for one stored result from a large live catalogue — 2,000
 * workshops and 500 partners — as the result page and the PDF now do on every
 * view, against scoring the same answer set (the baseline, same run).
 */
import { type Catalogue, type Partner, type Workshop, assess, refer, scoreAnswers } from '../questionnaires/engine/index.ts';
import { completeAnswerSet } from '../test/helpers/answer-sets.ts';
import { handwerkDigital } from '../test/helpers/shipped.ts';
import { type Figure, isMain, median, printFigures, timeCalls } from './figures.ts';

/** The sample catalogue grown to `workshops` and `partners` entries: copies with new ids, topics, regions and dates over a year. */
export function largeCatalogue(base: Catalogue, workshops: number, partners: number): Catalogue {
  const topics = base.topics.map((t) => t.id);
  const regions = base.regions.map((r) => r.id);
  const day = (i: number) => new Date(Date.UTC(2026, 10, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
  const grownWorkshops: Workshop[] = Array.from({ length: workshops }, (_, i) => {
    const w = base.workshops[i % base.workshops.length]!;
    return { ...w, id: `${w.id}-${i}`, topics: [topics[i % topics.length]!, topics[(i * 7) % topics.length]!], regions: w.online ? [] : [regions[i % regions.length]!], start: `${day(i)}T17:00`, end: `${day(i)}T19:00` };
  });
  const grownPartners: Partner[] = Array.from({ length: partners }, (_, i) => {
    const p = base.partners[i % base.partners.length]!;
    return { ...p, id: `${p.id}-${i}`, topics: [topics[(i * 3) % topics.length]!, topics[(i * 11) % topics.length]!], regions: i % 5 === 0 ? [] : [regions[i % regions.length]!] };
  });
  return { ...base, workshops: grownWorkshops, partners: grownPartners };
}

export async function run(): Promise<Figure[]> {
  const { prepared, catalogue } = handwerkDigital();
  const large = largeCatalogue(catalogue, 2000, 500);
  const set = completeAnswerSet(prepared, 'middling');
  const result = assess(prepared, set, { catalogue, today: '2026-11-23' });
  const baseline = median(timeCalls(() => scoreAnswers(prepared, set), { callsPerSample: 200 }));
  const referrals = median(timeCalls(() => refer(prepared, result, result.recommendations, set.profile, { catalogue: large, today: '2026-11-23' }), { warmup: 200, samples: 20, callsPerSample: 20 }));
  const ratio = referrals / baseline;
  return [
    {
      name: 'referrals for one result, 2,000 workshops + 500 partners',
      value: referrals,
      unit: 'µs',
      target: '≤ 2 ms (a result view)',
      pass: referrals <= 2000,
      baseline: { name: 'scoring the same answer set', value: baseline },
      ratio,
    },
  ];
}

if (isMain(import.meta.url)) printFigures('bench/referrals', await run());

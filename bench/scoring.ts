/**
 * Median time to score a complete handwerk-digital answer set (target ≤ 20 µs),
 * against copying the same answer set (structuredClone) as the baseline.
 */
import { assess, scoreAnswers } from '../questionnaires/engine/index.ts';
import { completeAnswerSet } from '../test/helpers/answer-sets.ts';
import { handwerkDigital } from '../test/helpers/shipped.ts';
import { type Figure, isMain, median, printFigures, timeCalls } from './figures.ts';

export async function run(): Promise<Figure[]> {
  const { prepared, catalogue } = handwerkDigital();
  const set = completeAnswerSet(prepared, 'middling');
  const baseline = median(timeCalls(() => structuredClone(set)));
  const scoring = median(timeCalls(() => scoreAnswers(prepared, set)));
  const full = median(timeCalls(() => assess(prepared, set, { catalogue, today: '2026-11-23' }), { callsPerSample: 200 }));
  const base = { name: 'structuredClone of the answer set', value: baseline };
  return [
    { name: 'score a complete answer set', value: scoring, unit: 'µs', target: '≤ 20 µs', pass: scoring <= 20, baseline: base, ratio: scoring / baseline },
    {
      name: 'score + recommend + refer (assess)',
      value: full,
      unit: 'µs',
      target: 'informative',
      pass: true,
      baseline: base,
      ratio: full / baseline,
    },
  ];
}

if (isMain(import.meta.url)) printFigures('bench/scoring', await run());

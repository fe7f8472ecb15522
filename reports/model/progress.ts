/** Progress since the earlier check: one row per dimension compared, and the overall index. */
import type { ScoredResult } from '../../questionnaires/engine/index.ts';
import { fillTemplate, sanitizeLine } from '../report-text.ts';
import type { Context } from './context.ts';

export interface ProgressRow {
  id: string;
  title: string;
  before: number;
  after: number;
  delta: number;
  beforeText: string;
  afterText: string;
  deltaText: string;
}

export interface ProgressModel {
  heading: string;
  intro: string;
  versionNote: string | null;
  columns: { dimension: string; before: string; after: string; delta: string };
  rows: ProgressRow[];
  overall: ProgressRow;
  notCompared: string | null;
}

export function buildProgress(context: Context, result: ScoredResult, titles: Map<string, string>): ProgressModel | null {
  const previous = result.previous;
  if (!previous) return null;
  const { t, numbers } = context;
  const row = (id: string, title: string, before: number, after: number, delta: number): ProgressRow => ({
    id,
    title,
    before,
    after,
    delta,
    beforeText: numbers.score(before),
    afterText: numbers.score(after),
    deltaText: numbers.delta(delta),
  });
  const notCompared = previous.notCompared.map((id) => titles.get(id) ?? id);
  return {
    heading: t.progress.heading,
    intro: t.progress.intro,
    versionNote: previous.sameVersion
      ? null
      : fillTemplate(t.progress.versionNote, {
          before: sanitizeLine(previous.questionnaire.version, 32),
          after: result.questionnaire.version,
        }),
    columns: { dimension: t.progress.dimension, before: t.progress.before, after: t.progress.after, delta: t.progress.delta },
    rows: previous.dimensions.map((d) => row(d.id, titles.get(d.id) ?? d.id, d.before, d.after, d.delta)),
    overall: row('overall', t.progress.overall, previous.overall.before, previous.overall.after, previous.overall.delta),
    notCompared: notCompared.length ? fillTemplate(t.progress.notCompared, { dimensions: notCompared.join(', ') }) : null,
  };
}


/**
 * What the result page and the scouts' result show as strengths and fields
 * of action: the engine's one rule (`resultHighlights`), in the reader's words.
 * Pure, so a test can hold it against the PDF's report model.
 */
import type { PreparedQuestionnaire, ScoredResult } from '../../../questionnaires/engine/index.ts';
// From the module, not index.ts: the web app must not pull in zod (see vite.config.ts).
import { resultHighlights } from '../../../questionnaires/engine/highlights.ts';
import type { Translator } from '../../state/i18n.ts';

export interface AreaView {
  id: string;
  title: string;
  /** „58 Punkte · Anwender“ */
  scoreLine: string;
  status: string;
  nextStep: string;
}

export interface HighlightsView {
  strengthsText: string;
  strengths: AreaView[];
  /** Kind words instead of a list when no area reaches the strength level yet. */
  noStrengths: string | null;
  /** The fields of action: where the business gains most. */
  actionFields: AreaView[];
  noActionFields: string | null;
  /** Every other area with a basis, in the questionnaire's order. */
  others: AreaView[];
}

export function highlightsView(result: ScoredResult, prepared: PreparedQuestionnaire, i18n: Translator): HighlightsView {
  const highlights = resultHighlights(prepared.definition, result);
  const levelTitle = (id: string) => i18n.text(prepared.levels.find((l) => l.id === id)?.title);
  const area = (id: string): AreaView[] => {
    const score = result.dimensions.find((d) => d.id === id);
    const dimension = prepared.dimensionById.get(id);
    if (!score || !dimension) return [];
    const text = dimension.levelTexts[score.level];
    return [
      {
        id,
        title: i18n.text(dimension.title),
        scoreLine: i18n.t('result.scoreLevel', { score: i18n.number(score.score, 1), level: levelTitle(score.level) }),
        status: i18n.text(text?.status),
        nextStep: i18n.text(text?.nextStep),
      },
    ];
  };
  const named = new Set([...highlights.strengths, ...highlights.actionFields]);
  const strengthLevel = levelTitle(highlights.strengthFromLevel);
  return {
    strengthsText: i18n.t('result.strengthsText', { level: strengthLevel }),
    strengths: highlights.strengths.flatMap(area),
    noStrengths: highlights.strengths.length ? null : i18n.t('result.noStrengths', { level: strengthLevel }),
    actionFields: highlights.actionFields.flatMap(area),
    noActionFields: highlights.actionFields.length ? null : i18n.t('result.noActionFields'),
    others: result.dimensions.filter((d) => d.hasBasis && !named.has(d.id)).flatMap((d) => area(d.id)),
  };
}

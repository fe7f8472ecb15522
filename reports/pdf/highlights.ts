/** Strengths and fields of action: one block per dimension, the fields of action with their recommended steps. */
import type { HighlightModel } from '../model/highlights.ts';
import type { ReportLayout } from './primitives/layout.ts';
import { COLOR, CONTENT_WIDTH, MARGIN, STYLE, levelColor, mix } from './primitives/style.ts';
import { list, listItem } from './primitives/table.ts';

const X = MARGIN.left + 18;
const WIDTH = CONTENT_WIDTH - 18;

/** The recommended steps of a field of action, as a list of titles (details are on the dimension's page). */
function drawSteps(layout: ReportLayout, highlight: HighlightModel): void {
  const { highlights } = layout.model;
  const titles = highlight.recommendations.reduce((sum, r) => sum + layout.height(r.title, STYLE.bodyStrong, WIDTH - 12) + 3, 0);
  layout.ensure(layout.labelHeight(highlights.recommendationsLabel, WIDTH) + 5 + Math.max(titles, 20));
  if (highlight.recommendations.length === 0) {
    layout.write(highlights.noRecommendations, STYLE.small, { x: X, width: WIDTH });
    layout.gap(4);
    return;
  }
  layout.label(highlights.recommendationsLabel, { x: X, width: WIDTH, tag: 'H3' });
  layout.gap(5);
  list(layout, () => {
    for (const r of highlight.recommendations) {
      layout.ensure(layout.height(r.title, STYLE.bodyStrong, WIDTH - 16) + 4);
      const y = layout.y;
      layout.decor((doc) => doc.circle(X + 3, y + 6.5, 2.2).fill(COLOR.accent));
      listItem(layout, () => layout.write(r.title, STYLE.bodyStrong, { x: X + 12, y, width: WIDTH - 12 }));
      layout.gap(3);
    }
  });
}

function drawHighlight(layout: ReportLayout, highlight: HighlightModel, kind: 'strength' | 'action'): void {
  const color = levelColor(highlight.level.index, layout.model.levels.length);
  const headHeight = layout.height(highlight.title, STYLE.h3, WIDTH - 190) + 6 + layout.height(highlight.text, STYLE.body, WIDTH);
  layout.ensure(headHeight + (kind === 'action' ? 50 : 10));
  const start = layout.mark();
  const top = start.y;
  // Title and „35,2 Punkte · Stufe …“ are one heading, as they stand on one line.
  layout.tags.element('H2', {}, () => {
    layout.write(highlight.title, STYLE.h3, { x: X, y: top, width: WIDTH - 190 });
    const scoreStyle = { ...STYLE.small, font: 'bold' as const, color: mix(color, COLOR.text, 0.25) };
    layout.write(highlight.scoreLevelLine, scoreStyle, { x: MARGIN.left + CONTENT_WIDTH - 190, y: top + 1.5, width: 190, align: 'right' });
  });
  layout.write(highlight.text, STYLE.body, { x: X, y: layout.y + 4, width: WIDTH });
  layout.sideRule(start, MARGIN.left, 4, kind === 'strength' ? COLOR.positive : COLOR.accent);
  layout.gap(10);
  if (kind === 'action') drawSteps(layout, highlight);
  layout.gap(16);
}

export function drawHighlights(layout: ReportLayout): void {
  const { model } = layout;
  const { highlights } = model;
  // Both headings always appear, so a business with no strength yet reads why, in kind words.
  layout.heading(highlights.strengthsHeading, highlights.noStrengths ?? highlights.strengthsIntro);
  for (const strength of model.strengths) drawHighlight(layout, strength, 'strength');
  layout.gap(10);
  layout.heading(highlights.actionHeading, highlights.noActionFields ?? highlights.actionIntro);
  for (const field of model.actionFields) drawHighlight(layout, field, 'action');
}

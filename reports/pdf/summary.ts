/** The one-page summary: score panel, strengths and fields of action, level scale, radar chart and legend. */
import type { RadarModel } from '../model/summary.ts';
import type { ReportLayout } from './primitives/layout.ts';
import { drawLevelScale, drawRadar, seriesStyle } from './primitives/chart.ts';
import { BOTTOM, COLOR, COLUMN_GAP, CONTENT_WIDTH, MARGIN, STYLE, levelColor, type TextStyle } from './primitives/style.ts';
import { list, listItem } from './primitives/table.ts';

const PANEL_WIDTH = 166;
const LEVEL_STYLE: TextStyle = { font: 'bold', size: 14, color: COLOR.text, lineGap: 1 };

function legendHeight(layout: ReportLayout, radar: RadarModel): number {
  return radar.series.reduce((sum, s) => sum + Math.max(layout.height(s.label, STYLE.small, CONTENT_WIDTH - 180), 11) + 3, 0);
}

/** The legend: each series name after its line sample (decoration), read as one paragraph. */
function drawLegend(layout: ReportLayout, radar: RadarModel, y: number): number {
  let cursor = y;
  const x = MARGIN.left + 70;
  layout.tags.element('P', {}, () => {
    for (const series of radar.series) {
      const style = seriesStyle(series.kind);
      const top = cursor;
      layout.decor((doc) => {
        if (series.kind === 'business') doc.save().fillColor(style.color).fillOpacity(style.fill).rect(x, top + 1.5, 26, 8).fill().restore();
        doc.lineWidth(style.width + 0.3).strokeColor(style.color);
        if (style.dash) doc.dash(style.dash[0], { space: style.dash[1] });
        doc.moveTo(x, top + 5.5).lineTo(x + 26, top + 5.5).stroke();
      });
      const height = layout.write(series.label, STYLE.small, { x: x + 36, y: cursor, width: CONTENT_WIDTH - 180 });
      cursor += Math.max(height, 11) + 3;
    }
  });
  return cursor;
}

/** The tinted panel on the left: overall index, level, comparisons. Returns its height. */
function drawPanel(layout: ReportLayout, top: number): number {
  const { model } = layout;
  const { summary } = model;
  const inner = PANEL_WIDTH - 30;
  const color = levelColor(summary.level.index, model.levels.length);
  const comparisonsHeight = summary.comparisons.reduce((sum, line) => sum + layout.height(line, STYLE.small, inner) + 3, 0);
  const panelHeight = 118 + layout.height(summary.level.title, LEVEL_STYLE, inner) + comparisonsHeight + (comparisonsHeight ? 6 : 0);
  layout.decor((doc) => {
    doc.roundedRect(MARGIN.left, top, PANEL_WIDTH, panelHeight, 3).fill(COLOR.tint);
    doc.rect(MARGIN.left, top, 5, panelHeight).fill(color);
    doc.roundedRect(MARGIN.left + 18, top + 100, 22, 4, 2).fill(color);
  });
  layout.tags.element('P', {}, () => {
    layout.label(summary.overallLabel, { x: MARGIN.left + 18, y: top + 14, width: inner });
    layout.write(summary.scoreText, { font: 'bold', size: 44, color: COLOR.primary }, { x: MARGIN.left + 16, y: top + 24, width: inner + 4 });
    layout.write(summary.outOf, STYLE.small, { x: MARGIN.left + 18, y: top + 80, width: inner });
  });
  layout.write(summary.level.title, LEVEL_STYLE, { x: MARGIN.left + 18, y: top + 108, width: inner });
  let panelY = layout.y + 6;
  if (summary.comparisons.length === 0) return panelHeight;
  layout.tags.element('P', {}, () => {
    for (const line of summary.comparisons) {
      layout.write(line, STYLE.small, { x: MARGIN.left + 18, y: panelY, width: inner });
      panelY = layout.y + 3;
    }
  });
  return panelHeight;
}

/** A titled list of dimension names, or the kind words when it is empty. Returns where it ends. */
function drawNameList(layout: ReportLayout, title: string, items: string[], empty: string | null, x: number, y: number, width: number, accent: string): number {
  layout.label(title, { x, y, width, tag: 'H2' });
  let cursor = layout.y + 5;
  if (items.length === 0 && empty) {
    layout.write(empty, STYLE.small, { x, y: cursor, width });
    return layout.y + 3;
  }
  list(layout, () => {
    for (const item of items) {
      const top = cursor;
      layout.decor((doc) => doc.rect(x, top + 2, 2.5, 8).fill(accent));
      listItem(layout, () => layout.write(item, STYLE.smallStrong, { x: x + 9, y: cursor, width: width - 9 }));
      cursor = layout.y + 3;
    }
  });
  return cursor;
}

function drawRadarBlock(layout: ReportLayout): void {
  const { radar } = layout.model.summary;
  // The radar takes the room the page has left, within bounds, so the summary stays one page.
  const frame = 32 + 80 + legendHeight(layout, radar);
  let radius = Math.min(105, (BOTTOM - layout.y - frame) / 2);
  if (radius < 72) {
    layout.newPage();
    radius = 105;
  }
  layout.write(radar.title, STYLE.h2, { tag: 'H2' });
  layout.write(radar.caption, STYLE.small, { y: layout.y + 1 });
  const cy = layout.y + 38 + radius;
  drawRadar(layout, radar, MARGIN.left + CONTENT_WIDTH / 2, cy, radius);
  layout.y = drawLegend(layout, radar, cy + radius + 38);
}

export function drawSummary(layout: ReportLayout): void {
  const { summary } = layout.model;
  layout.newPage();
  layout.heading(summary.heading, null, 200);
  const top = layout.y;
  const panelHeight = drawPanel(layout, top);
  const textX = MARGIN.left + PANEL_WIDTH + COLUMN_GAP;
  const textWidth = CONTENT_WIDTH - PANEL_WIDTH - COLUMN_GAP;
  layout.write(summary.intro, { ...STYLE.lead, font: 'bold', color: COLOR.primary }, { x: textX, y: top + 2, width: textWidth });
  layout.write(summary.levelDescription, STYLE.body, { x: textX, y: layout.y + 6, width: textWidth });
  const listsTop = layout.y + 12;
  const listWidth = (textWidth - 16) / 2;
  const leftEnd = drawNameList(layout, summary.strengthsTitle, summary.strengths, summary.noStrengths, textX, listsTop, listWidth, COLOR.positive);
  const rightEnd = drawNameList(layout, summary.actionFieldsTitle, summary.actionFields, summary.noActionFields, textX + listWidth + 16, listsTop, listWidth, COLOR.accent);
  layout.y = Math.max(top + panelHeight, leftEnd, rightEnd) + 20;
  layout.ensure(56);
  layout.label(summary.levelScaleTitle, { tag: 'H2' });
  drawLevelScale(layout, layout.y + 12, summary.score, summary.levelScaleAlt, { height: 11 });
  layout.gap(18);
  drawRadarBlock(layout);
}

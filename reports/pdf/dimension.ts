/**
 * One page per field of action: title and score, the level scale with peer
 * and earlier ticks, where the business stands and its next step side by
 * side, the answers that helped and cost most (as tables), the scout's note
 * and the recommendations.
 */
import type { AnswerItem } from '../model/answers.ts';
import type { DimensionModel } from '../model/dimension.ts';
import type { RecommendationModel } from '../model/highlights.ts';
import type { ReportLayout } from './primitives/layout.ts';
import { drawLevelScale, drawMarkerSwatch } from './primitives/chart.ts';
import { BOTTOM, COLOR, COLUMN_GAP, COLUMN_WIDTH, CONTENT_WIDTH, MARGIN, STYLE, levelColor, mix, type TextStyle } from './primitives/style.ts';
import { dataCell, headerCell, list, listItem, table, tableRow } from './primitives/table.ts';

const ANSWER_META: TextStyle = { ...STYLE.small, size: 8, lineGap: 1.2 };
const DESCRIPTION: TextStyle = { ...STYLE.small, lineGap: 1.4 };
const TITLE_WIDTH = CONTENT_WIDTH - 130;

function answerLine(item: AnswerItem): string {
  return item.answer ? `${item.answer} · ${item.pointsText}` : item.pointsText;
}

function answerTableHeight(layout: ReportLayout, title: string, items: AnswerItem[], width: number): number {
  if (items.length === 0) return 0;
  const rows = items.reduce((sum, item) => sum + layout.height(item.question, STYLE.smallStrong, width - 10) + layout.height(answerLine(item), ANSWER_META, width - 10) + 6, 0);
  return layout.labelHeight(title, width) + 5 + rows;
}

/** The answers as a table: its label is the caption, each question heads its row, the answer and points are the cell. */
function drawAnswerTable(layout: ReportLayout, title: string, items: AnswerItem[], x: number, y: number, width: number, accent: string): number {
  if (items.length === 0) return y;
  let cursor = y;
  table(layout, () => {
    layout.label(title, { x, y, width, tag: 'Caption' });
    cursor = layout.y + 5;
    for (const item of items) {
      layout.y = cursor;
      const start = layout.mark();
      tableRow(layout, () => {
        headerCell(layout, 'Row', () => layout.write(item.question, STYLE.smallStrong, { x: x + 10, y: cursor, width: width - 10 }));
        dataCell(layout, () => layout.write(answerLine(item), ANSWER_META, { x: x + 10, y: layout.y, width: width - 10 }));
      });
      layout.sideRule(start, x, 2.5, accent, 1.5);
      cursor = layout.y + 6;
    }
  });
  return cursor;
}

type ColumnDrawer = (x: number, y: number, width: number) => number;

/**
 * Two columns side by side when the taller one (`height`) fits on a page;
 * otherwise one after the other at full width, so each can flow across pages
 * without running into the other. Either way the left one is read first.
 */
function drawColumns(layout: ReportLayout, height: number, left: ColumnDrawer, right: ColumnDrawer): void {
  if (height <= BOTTOM - MARGIN.top) {
    layout.ensure(height);
    const y = layout.y;
    const leftBottom = left(MARGIN.left, y, COLUMN_WIDTH);
    const rightBottom = right(MARGIN.left + COLUMN_WIDTH + COLUMN_GAP, y, COLUMN_WIDTH);
    layout.y = Math.max(leftBottom, rightBottom);
    return;
  }
  layout.ensure(80);
  layout.y = left(MARGIN.left, layout.y, CONTENT_WIDTH) + 10;
  layout.ensure(80);
  layout.y = right(MARGIN.left, layout.y, CONTENT_WIDTH);
}

function headHeight(layout: ReportLayout, dimension: DimensionModel): number {
  return Math.max(layout.height(dimension.title, STYLE.h2, TITLE_WIDTH) + 3 + layout.height(dimension.description, DESCRIPTION, TITLE_WIDTH), 36);
}

function factsLine(dimension: DimensionModel): string {
  return [dimension.nextLevelLine, dimension.answeredLine].join('  ·  ');
}

/** Keeps the head, the bar and the first blocks together: the whole page's worth when it fits one page. */
function ensureRoom(layout: ReportLayout, dimension: DimensionModel): void {
  const { labels } = layout.model.dimensionsSection;
  const head = headHeight(layout, dimension);
  const barBlock = 12 + 8 + 14 + 6 + layout.height(factsLine(dimension), STYLE.small) + (dimension.comparisons.length ? 14 : 0);
  const columns = Math.max(
    layout.labelHeight(labels.status, COLUMN_WIDTH) + 3 + layout.height(dimension.status, STYLE.body, COLUMN_WIDTH),
    layout.labelHeight(labels.nextStep, COLUMN_WIDTH) + 3 + layout.height(dimension.nextStep, STYLE.body, COLUMN_WIDTH),
  );
  const lists = Math.max(answerTableHeight(layout, labels.helped, dimension.helped, COLUMN_WIDTH), answerTableHeight(layout, labels.cost, dimension.cost, COLUMN_WIDTH));
  const whole = 14 + head + barBlock + 12 + columns + 14 + lists;
  layout.ensure(whole <= BOTTOM - MARGIN.top ? whole : head + barBlock + 80);
}

/** Kicker, title and description on the left, score and level on the right. Returns where the head ends. */
function drawHead(layout: ReportLayout, dimension: DimensionModel): number {
  const color = levelColor(dimension.level.index, layout.model.levels.length);
  // The kicker („Handlungsfeld 2 von 7“) is part of the heading, as it is read.
  const top = layout.tags.element('H2', {}, () => {
    layout.label(dimension.kicker, { width: TITLE_WIDTH });
    const titleTop = layout.y + 4;
    layout.write(dimension.title, STYLE.h2, { y: titleTop, width: TITLE_WIDTH });
    return titleTop;
  });
  layout.write(dimension.description, DESCRIPTION, { y: layout.y + 3, width: TITLE_WIDTH });
  const headBottom = layout.y;
  const right = { x: MARGIN.left + CONTENT_WIDTH - 120, width: 120, align: 'right' as const };
  layout.tags.element('P', {}, () => {
    layout.write(dimension.hasBasis ? dimension.scoreText : '–', { font: 'bold', size: 22, color: COLOR.primary }, { ...right, y: top - 5 });
    layout.write(dimension.levelLine, { ...STYLE.small, font: 'bold', color: mix(color, COLOR.text, 0.25) }, { ...right, y: layout.y });
  });
  return Math.max(headBottom, top + 36);
}

function drawBar(layout: ReportLayout, dimension: DimensionModel, y: number): void {
  const markers = [
    ...(dimension.peers === null ? [] : [{ value: dimension.peers, kind: 'peers' as const }]),
    ...(dimension.previous === null ? [] : [{ value: dimension.previous, kind: 'previous' as const }]),
  ];
  const barBottom = drawLevelScale(layout, y + 12, dimension.hasBasis ? dimension.score : null, dimension.scaleAlt, { height: 8, markers });
  layout.tags.element('P', {}, () => {
    layout.write(factsLine(dimension), STYLE.small, { y: barBottom + 5 });
    if (dimension.comparisons.length === 0) return;
    const top = layout.y + 2;
    let x = MARGIN.left;
    for (const comparison of dimension.comparisons) {
      drawMarkerSwatch(layout, comparison.kind, x, top + 5.5);
      layout.write(comparison.text, STYLE.small, { x: x + 20, y: top, width: 200 });
      x += 20 + layout.widthOf(comparison.text, STYLE.small) + 18;
    }
    layout.y = top + layout.height('x', STYLE.small);
  });
}

function drawNote(layout: ReportLayout, title: string, note: string): void {
  const width = CONTENT_WIDTH - 28;
  const height = layout.labelHeight(title, width) + 5 + layout.height(note, STYLE.body, width) + 20;
  layout.gap(4);
  // A note that fits a page is kept whole in its box; a longer one flows on without the box.
  if (height <= BOTTOM - MARGIN.top) layout.ensure(height);
  else layout.ensure(80);
  const top = layout.y;
  const boxed = top + height <= BOTTOM;
  if (boxed) {
    layout.decor((doc) => {
      doc.rect(MARGIN.left, top, CONTENT_WIDTH, height).fill('#FBF3EA');
      doc.rect(MARGIN.left, top, 3, height).fill(COLOR.accent);
    });
  }
  layout.label(title, { x: MARGIN.left + 16, y: top + 10, width, tag: 'H3' });
  layout.write(note, STYLE.body, { x: MARGIN.left + 16, y: layout.y + 5, width });
  layout.y = boxed ? top + height + 6 : layout.y + 10;
}

function recommendationHeight(layout: ReportLayout, r: RecommendationModel, width: number): number {
  return layout.height(r.title, STYLE.bodyStrong, width) + 2 + layout.height(r.text, STYLE.body, width) + 10;
}

function drawRecommendations(layout: ReportLayout, dimension: DimensionModel): void {
  const label = layout.model.dimensionsSection.labels.recommendations;
  const x = MARGIN.left + 16;
  const width = CONTENT_WIDTH - 16;
  layout.gap(dimension.note ? 12 : 4);
  layout.ensure(layout.labelHeight(label) + 8 + Math.min(recommendationHeight(layout, dimension.recommendations[0]!, width), 100));
  layout.label(label, { tag: 'H3' });
  layout.gap(7);
  list(layout, () => {
    for (const r of dimension.recommendations) {
      layout.ensure(Math.min(recommendationHeight(layout, r, width), 120));
      const top = layout.y;
      layout.decor((doc) => doc.circle(x - 9, top + 6.5, 2.2).fill(COLOR.accent));
      listItem(layout, () => {
        layout.write(r.title, STYLE.bodyStrong, { x, y: top, width });
        layout.write(r.text, STYLE.body, { x, y: layout.y + 2, width });
      });
      layout.gap(10);
    }
  });
}

export function drawDimension(layout: ReportLayout, dimension: DimensionModel): void {
  const { labels } = layout.model.dimensionsSection;
  ensureRoom(layout, dimension);
  drawBar(layout, dimension, drawHead(layout, dimension));
  layout.gap(12);
  const paragraph = (label: string, text: string) => (x: number, y: number, width: number) => {
    layout.label(label, { x, y, width, tag: 'H3' });
    layout.write(text, STYLE.body, { x, y: layout.y + 3, width });
    return layout.y;
  };
  const columnsHeight = Math.max(
    layout.labelHeight(labels.status, COLUMN_WIDTH) + 3 + layout.height(dimension.status, STYLE.body, COLUMN_WIDTH),
    layout.labelHeight(labels.nextStep, COLUMN_WIDTH) + 3 + layout.height(dimension.nextStep, STYLE.body, COLUMN_WIDTH),
  );
  drawColumns(layout, columnsHeight, paragraph(labels.status, dimension.status), paragraph(labels.nextStep, dimension.nextStep));
  layout.gap(14);
  const listsHeight = Math.max(answerTableHeight(layout, labels.helped, dimension.helped, COLUMN_WIDTH), answerTableHeight(layout, labels.cost, dimension.cost, COLUMN_WIDTH));
  if (listsHeight > 0) {
    drawColumns(
      layout,
      listsHeight,
      (x, y, width) => drawAnswerTable(layout, labels.helped, dimension.helped, x, y, width, COLOR.positive),
      (x, y, width) => drawAnswerTable(layout, labels.cost, dimension.cost, x, y, width, COLOR.accent),
    );
  }
  if (dimension.note) drawNote(layout, labels.note, dimension.note);
  if (dimension.recommendations.length) drawRecommendations(layout, dimension);
}

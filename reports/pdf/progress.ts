/**
 * Progress since the earlier check: a table of dimension, before, after and
 * change, with a bar per row (decoration: the numbers are in the cells). A
 * header repeated on a new page is decoration too, so it is read once.
 */
import type { ProgressModel, ProgressRow } from '../model/progress.ts';
import type { ReportLayout } from './primitives/layout.ts';
import { BOTTOM, COLOR, CONTENT_WIDTH, MARGIN, STYLE } from './primitives/style.ts';
import { dataCell, headerCell, table, tableRow } from './primitives/table.ts';

const TITLE = 176;
const NUMBER = 50;
const DELTA = 72;
const XS = {
  before: MARGIN.left + TITLE,
  after: MARGIN.left + TITLE + NUMBER,
  delta: MARGIN.left + TITLE + 2 * NUMBER,
  bar: MARGIN.left + TITLE + 2 * NUMBER + DELTA + 14,
};
const BAR_WIDTH = MARGIN.left + CONTENT_WIDTH - XS.bar;

function drawVersionNote(layout: ReportLayout, note: string): void {
  const height = layout.height(note, STYLE.small, CONTENT_WIDTH - 28) + 16;
  layout.ensure(height);
  const top = layout.y;
  layout.decor((doc) => {
    doc.rect(MARGIN.left, top, CONTENT_WIDTH, height).fill('#FBF3EA');
    doc.rect(MARGIN.left, top, 3, height).fill(COLOR.accent);
  });
  layout.write(note, STYLE.small, { x: MARGIN.left + 16, y: top + 8, width: CONTENT_WIDTH - 28 });
  layout.y = top + height + 14;
}

function drawHeader(layout: ReportLayout, progress: ProgressModel): void {
  const y = layout.y;
  const { columns } = progress;
  const column = (text: string, options: { x?: number; width: number; align?: 'right' }) =>
    headerCell(layout, 'Column', () => layout.label(text, { ...options, y }));
  tableRow(layout, () => {
    column(columns.dimension, { width: TITLE - 8 });
    column(columns.before, { x: XS.before, width: NUMBER - 6, align: 'right' });
    column(columns.after, { x: XS.after, width: NUMBER - 6, align: 'right' });
    column(columns.delta, { x: XS.delta, width: DELTA - 6, align: 'right' });
  });
  layout.y = y + 14;
  layout.rule(layout.y, COLOR.primary);
  layout.gap(5);
}

function drawRow(layout: ReportLayout, row: ProgressRow, index: number, isOverall: boolean, height: number): void {
  const style = isOverall ? STYLE.bodyStrong : STYLE.body;
  const y = layout.y;
  if (isOverall) layout.rule(y - 3, COLOR.primary);
  else if (index % 2 === 0) layout.decor((doc) => doc.rect(MARGIN.left, y - 3, CONTENT_WIDTH, height).fill(COLOR.tint));
  const deltaColor = row.delta > 0 ? COLOR.positive : row.delta < 0 ? COLOR.negative : COLOR.muted;
  tableRow(layout, () => {
    headerCell(layout, 'Row', () => layout.write(row.title, style, { y: y + 1, width: TITLE - 8 }));
    dataCell(layout, () => layout.write(row.beforeText, style, { x: XS.before, y: y + 1, width: NUMBER - 6, align: 'right' }));
    dataCell(layout, () => layout.write(row.afterText, style, { x: XS.after, y: y + 1, width: NUMBER - 6, align: 'right' }));
    dataCell(layout, () => layout.write(row.deltaText, { ...style, font: 'bold', color: deltaColor }, { x: XS.delta, y: y + 1, width: DELTA - 6, align: 'right' }));
  });
  const scale = (value: number) => XS.bar + (Math.max(0, Math.min(100, value)) / 100) * BAR_WIDTH;
  layout.decor((doc) => {
    doc.rect(XS.bar, y + 5, BAR_WIDTH, 4).fill(COLOR.rule);
    doc.rect(XS.bar, y + 5, scale(row.after) - XS.bar, 4).fill(COLOR.primary);
    doc.rect(scale(row.before) - 0.8, y + 2, 1.6, 10).fill(COLOR.accent);
  });
  layout.y = y + height;
}

function drawTable(layout: ReportLayout, progress: ProgressModel): void {
  layout.ensure(60);
  const rows = [...progress.rows, progress.overall];
  table(layout, () => {
    drawHeader(layout, progress);
    rows.forEach((row, index) => {
      const isOverall = index === rows.length - 1;
      const height = Math.max(layout.height(row.title, isOverall ? STYLE.bodyStrong : STYLE.body, TITLE - 8), 14) + 8;
      if (layout.y + height > BOTTOM) {
        layout.newPage();
        layout.tags.artifact(() => drawHeader(layout, progress), 'Pagination');
      }
      drawRow(layout, row, index, isOverall, height);
    });
  });
}

function drawBarLegend(layout: ReportLayout, progress: ProgressModel): void {
  layout.gap(6);
  layout.ensure(14);
  const y = layout.y;
  const x = XS.bar;
  const beforeX = x + 22 + layout.widthOf(progress.columns.after, STYLE.tiny) + 12;
  layout.decor((doc) => {
    doc.rect(x, y + 3, 14, 4).fill(COLOR.primary);
    doc.rect(beforeX, y, 1.6, 10).fill(COLOR.accent);
  });
  layout.write(progress.columns.after, STYLE.tiny, { x: x + 18, y, width: 60 });
  layout.write(progress.columns.before, STYLE.tiny, { x: beforeX + 6, y, width: 60 });
}

export function drawProgress(layout: ReportLayout, progress: ProgressModel): void {
  layout.heading(progress.heading, progress.intro, 140);
  if (progress.versionNote) drawVersionNote(layout, progress.versionNote);
  drawTable(layout, progress);
  drawBarLegend(layout, progress);
  if (progress.notCompared) {
    layout.gap(8);
    layout.write(progress.notCompared, STYLE.small);
  }
}

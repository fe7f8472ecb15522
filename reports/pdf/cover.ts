/** The cover: title and company in the band, the facts of the check as a table, the score, the publisher. */
import type { ReportLayout } from './primitives/layout.ts';
import { drawCoverOrnament } from './primitives/chart.ts';
import { BOTTOM, COLOR, CONTENT_WIDTH, MARGIN, PAGE, STYLE, levelColor, type TextStyle } from './primitives/style.ts';
import { dataCell, headerCell, table, tableRow } from './primitives/table.ts';

const BAND_HEIGHT = 372;

function drawBand(layout: ReportLayout): void {
  const { model } = layout;
  const { cover, summary } = model;
  layout.decor((doc) => doc.rect(0, 0, PAGE.width, BAND_HEIGHT).fill(COLOR.primary));
  drawCoverOrnament(layout, PAGE.width - 150, 196, 118, summary.radar.series.find((s) => s.kind === 'business')?.values ?? []);
  layout.decor((doc) => doc.rect(MARGIN.left, 96, 40, 4).fill(COLOR.accent));
  const kickerStyle: TextStyle = { ...STYLE.label, size: 10, color: '#C9D6E3', characterSpacing: 0.6 };
  // Kicker and title are read as one heading: „Digitalisierungs-Check Ergebnisbericht“.
  layout.tags.element('H1', {}, () => {
    layout.write(cover.kicker.toLocaleUpperCase(model.lang), kickerStyle, { y: 116, width: 300, flow: false });
    layout.write(cover.title, { font: 'bold', size: 36, color: COLOR.white }, { y: 136, width: 300, flow: false });
  });
  const companyTop = Math.max(layout.y + 16, 208);
  const companyStyle: TextStyle = { font: 'regular', size: 21, color: COLOR.white, lineGap: 2 };
  const companyLines = layout.text.lines(cover.company, companyStyle, 290);
  const company = companyLines.length > 4 ? `${companyLines.slice(0, 4).map((l) => l.text).join(' ')}…` : cover.company;
  layout.write(company, companyStyle, { y: companyTop, width: 290, flow: false });
}

/** Trade, size, postcode, date, questionnaire: a two-column table, label and value. */
function drawFacts(layout: ReportLayout): number {
  let y = BAND_HEIGHT + 44;
  const labelWidth = 150;
  table(layout, () => {
    for (const fact of layout.model.cover.facts) {
      const height = Math.max(layout.height(fact.value, STYLE.lead, CONTENT_WIDTH - labelWidth), 14);
      tableRow(layout, () => {
        headerCell(layout, 'Row', () => layout.label(fact.label, { y: y + 3.5, width: labelWidth - 12, flow: false }));
        dataCell(layout, () => layout.write(fact.value, STYLE.lead, { x: MARGIN.left + labelWidth, y, width: CONTENT_WIDTH - labelWidth, flow: false }));
      });
      y += height + 8;
      layout.rule(y - 4);
    }
  });
  return y;
}

function drawScore(layout: ReportLayout, y: number): void {
  const { model } = layout;
  const { summary } = model;
  const color = levelColor(summary.level.index, model.levels.length);
  layout.decor((doc) => {
    doc.roundedRect(MARGIN.left, y, CONTENT_WIDTH, 64, 3).fill(COLOR.tint);
    doc.rect(MARGIN.left, y, 5, 64).fill(color);
  });
  const scoreStyle: TextStyle = { font: 'bold', size: 30, color: COLOR.primary };
  layout.tags.element('P', {}, () => {
    layout.write(summary.scoreText, scoreStyle, { x: MARGIN.left + 22, y: y + 12, width: 100, flow: false });
    const scoreWidth = layout.widthOf(summary.scoreText, scoreStyle);
    layout.write(summary.outOf, STYLE.small, { x: MARGIN.left + 28 + scoreWidth, y: y + 30, width: 110, flow: false });
  });
  layout.tags.element('P', {}, () => {
    layout.label(summary.overallLabel, { x: MARGIN.left + 190, y: y + 16, width: CONTENT_WIDTH - 210, flow: false });
    layout.write(summary.level.title, { font: 'bold', size: 16, color: COLOR.primary }, { x: MARGIN.left + 190, y: y + 28, width: CONTENT_WIDTH - 210, flow: false });
  });
}

export function drawCover(layout: ReportLayout): void {
  const { cover } = layout.model;
  layout.plainPages.add(layout.pageIndex);
  drawBand(layout);
  const y = drawFacts(layout) + 24;
  drawScore(layout, y);
  const confidentialHeight = layout.height(cover.confidential, STYLE.small);
  const operatorHeight = layout.height(cover.operator, STYLE.h3);
  const operatorTop = Math.max(y + 64 + 24, BOTTOM - 8 - confidentialHeight - operatorHeight - 26);
  layout.tags.element('P', {}, () => {
    layout.label(cover.operatorLabel, { y: operatorTop });
    layout.write(cover.operator, STYLE.h3, { y: layout.y + 2 });
  });
  layout.write(cover.confidential, STYLE.small, { y: layout.y + 8 });
}

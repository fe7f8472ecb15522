/**
 * Page furniture, drawn last when the page count is known: running header,
 * footer rule, operator and page numbers. All of it is a pagination artifact,
 * so a screen reader reads the report, not the same footer on every page.
 */
import { fillTemplate } from '../report-text.ts';
import type { ReportLayout } from './primitives/layout.ts';
import { COLOR, CONTENT_WIDTH, MARGIN, PAGE, STYLE } from './primitives/style.ts';

export function drawPageFurniture(layout: ReportLayout): void {
  const { doc, model } = layout;
  const range = doc.bufferedPageRange();
  const header = layout.text.oneLine(`${model.cover.kicker} · ${model.cover.company}`, STYLE.tiny, CONTENT_WIDTH - 20);
  const operator = layout.text.oneLine(model.footer.operator, STYLE.tiny, CONTENT_WIDTH - 110);
  const footerY = PAGE.height - 50;
  for (let i = range.start; i < range.start + range.count; i++) {
    layout.switchToPage(i);
    const page = fillTemplate(model.footer.pageTemplate, { page: i - range.start + 1, pages: range.count });
    layout.tags.artifact(() => {
      doc.save().moveTo(MARGIN.left, footerY - 8).lineTo(MARGIN.left + CONTENT_WIDTH, footerY - 8).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore();
      layout.write(operator, STYLE.tiny, { x: MARGIN.left, y: footerY, width: CONTENT_WIDTH - 110, flow: false });
      layout.write(page, { ...STYLE.tiny, font: 'bold' }, { x: MARGIN.left + CONTENT_WIDTH - 110, y: footerY, width: 110, align: 'right', flow: false });
      if (layout.plainPages.has(i)) return;
      doc.save().rect(MARGIN.left, 40, 14, 2).fill(COLOR.accent).restore();
      layout.write(header, STYLE.tiny, { x: MARGIN.left + 20, y: 36, width: CONTENT_WIDTH - 20, flow: false });
    }, 'Pagination');
  }
}

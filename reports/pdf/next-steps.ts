/** The next-steps checklist (a list; the checkboxes are decoration) and the re-check box with link and QR code. */
import type { NextStepsModel } from '../model/next-steps.ts';
import type { ReportLayout } from './primitives/layout.ts';
import { figure } from './primitives/chart.ts';
import { drawQrCode } from './primitives/qr-code.ts';
import { COLOR, CONTENT_WIDTH, MARGIN, STYLE } from './primitives/style.ts';
import { list, listItem } from './primitives/table.ts';

const QR_SIZE = 92;

function drawChecklist(layout: ReportLayout, items: string[]): void {
  const x = MARGIN.left + 22;
  const width = CONTENT_WIDTH - 22;
  list(layout, () => {
    for (const item of items) {
      const height = layout.height(item, STYLE.body, width);
      layout.ensure(height + 8);
      const y = layout.y;
      layout.decor((doc) => doc.lineWidth(1).strokeColor(COLOR.primary).roundedRect(MARGIN.left + 1, y + 1.5, 10, 10, 1.5).stroke());
      listItem(layout, () => layout.write(item, STYLE.body, { x, y, width }));
      layout.y = y + height + 8;
    }
  });
}

/** The QR code as a Figure inside the Link it opens, so it is announced as a link with its target. */
function drawQr(layout: ReportLayout, retake: NonNullable<NextStepsModel['retake']>, x: number, y: number): void {
  layout.tags.element('Link', {}, () => {
    figure(layout, retake.qrAlt, [x, y, x + QR_SIZE, y + QR_SIZE], () => drawQrCode(layout.doc, retake.url, x, y, QR_SIZE));
    layout.tags.linkAnnotation(x, y, QR_SIZE, QR_SIZE, retake.url, retake.qrAlt);
  });
}

function drawRetake(layout: ReportLayout, retake: NonNullable<NextStepsModel['retake']>): void {
  const textWidth = CONTENT_WIDTH - QR_SIZE - 52;
  const boxHeight = Math.max(
    QR_SIZE + 30,
    layout.height(retake.heading, STYLE.h3, textWidth) + layout.height(retake.text, STYLE.body, textWidth) + layout.height(retake.url, STYLE.link, textWidth) + 44,
  );
  layout.gap(14);
  layout.ensure(boxHeight + 10);
  const top = layout.y;
  layout.decor((doc) => doc.roundedRect(MARGIN.left, top, CONTENT_WIDTH, boxHeight, 3).fill(COLOR.tint));
  const textLeft = MARGIN.left + 20;
  layout.write(retake.heading, STYLE.h3, { x: textLeft, y: top + 16, width: textWidth, tag: 'H2' });
  layout.write(retake.text, STYLE.body, { x: textLeft, y: layout.y + 4, width: textWidth });
  layout.write(retake.url, { ...STYLE.link, font: 'bold' }, { x: textLeft, y: layout.y + 6, width: textWidth, link: retake.url });
  const qrX = MARGIN.left + CONTENT_WIDTH - QR_SIZE - 16;
  drawQr(layout, retake, qrX, top + 12);
  layout.write(retake.qrCaption, { ...STYLE.tiny, size: 6.5 }, { x: qrX - 10, y: top + 13 + QR_SIZE, width: QR_SIZE + 20, align: 'center' });
  layout.y = top + boxHeight + 10;
}

export function drawNextSteps(layout: ReportLayout): void {
  const steps = layout.model.nextSteps;
  layout.heading(steps.heading, steps.intro, 120);
  drawChecklist(layout, steps.items);
  if (steps.retake) drawRetake(layout, steps.retake);
}

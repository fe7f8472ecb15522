/** A QR code as vector modules: crisp at any zoom, and small in the file. */
import { create as createQrCode } from 'qrcode';
import { COLOR } from './style.ts';

export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = createQrCode(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const cell = size / (count + 4);
  doc.save().rect(x, y, size, size).fill(COLOR.white);
  // Drawn in module units (one unit = one module), so every coordinate is a small whole number.
  doc.translate(x + 2 * cell, y + 2 * cell).scale(cell).fillColor(COLOR.qr);
  for (let row = 0; row < count; row++) {
    let run = -1;
    for (let col = 0; col <= count; col++) {
      const dark = col < count && modules.get(row, col) === 1;
      if (dark && run < 0) run = col;
      if (!dark && run >= 0) {
        // A hair of overlap keeps viewers from showing seams between modules.
        doc.rect(run, row, col - run + 0.02, 1.02);
        run = -1;
      }
    }
  }
  doc.fill().restore();
}

/**
 * Lays a report model out as a tagged A4 PDF (PDF/UA-1): cover, one-page
 * summary with a radar chart, the fields of action, strengths and
 * recommendations, referrals, progress and next steps. Each section draws in
 * its own module under `pdf/`; the structure tree follows the drawing order,
 * and page furniture is drawn last, once the page count is known.
 */
import PDFDocument from 'pdfkit';
import type { ReportModel } from './model/report.ts';
import { drawCover } from './pdf/cover.ts';
import { drawDimension } from './pdf/dimension.ts';
import { drawPageFurniture } from './pdf/furniture.ts';
import { drawHighlights } from './pdf/highlights.ts';
import { drawNextSteps } from './pdf/next-steps.ts';
import { loadReportFonts, type ReportFonts } from './pdf/primitives/fonts.ts';
import { ReportLayout } from './pdf/primitives/layout.ts';
import { MARGIN } from './pdf/primitives/style.ts';
import { LineCache } from './pdf/primitives/text.ts';
import { drawProgress } from './pdf/progress.ts';
import { drawReferrals } from './pdf/referrals.ts';
import { drawSummary } from './pdf/summary.ts';
import { infoString } from './xmp-metadata.ts';

// Parsed once per process (or worker): parsing dominates a render otherwise. Wrapped lines are
// kept alongside, since most texts recur from one report to the next.
const FONTS: ReportFonts = loadReportFonts();
const LINES = new LineCache();

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function createDocument(model: ReportModel): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: model.lang,
    displayTitle: true,
    tagged: true,
    // pdfkit 0.20 writes the PDF/UA identification (pdfuaid:part 1) into the XMP; @types/pdfkit 0.17 knows only PDF/A.
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    info: {
      Title: infoString(model.meta.title),
      Author: infoString(model.meta.author),
      Subject: infoString(model.meta.subject),
      Keywords: infoString(model.meta.keywords),
      Creator: 'procheck',
      CreationDate: new Date(`${model.meta.creationDate}T00:00:00Z`),
    },
  });
}

/** Renders a report model as PDF bytes; CPU-bound for some tens of ms, so run it off the main thread. */
export async function renderReportPdf(model: ReportModel): Promise<Buffer> {
  const doc = createDocument(model);
  const bytes = collect(doc);
  const layout = new ReportLayout(doc, model, FONTS, LINES);
  drawCover(layout);
  drawSummary(layout);
  layout.newPage();
  layout.heading(model.dimensionsSection.heading, model.dimensionsSection.intro, 200);
  model.dimensions.forEach((dimension, i) => {
    if (i > 0) layout.newPage();
    drawDimension(layout, dimension);
  });
  for (const draw of [drawHighlights, drawReferrals]) {
    layout.section();
    draw(layout);
  }
  if (model.progress) {
    layout.section();
    drawProgress(layout, model.progress);
  }
  layout.section();
  drawNextSteps(layout);
  drawPageFurniture(layout);
  doc.end();
  return bytes;
}

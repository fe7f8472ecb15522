/**
 * Report figures, as ratios against baselines measured in the same run:
 *   1. median time to render a full tagged (PDF/UA-1) report vs. an untagged
 *      one-page pdfkit document;
 *   2. the report's size when its company name needs the fallback faces
 *      (Arabic, emoji) vs. the same report with a Latin name;
 *   3. how long a health-like request waits while 20 reports render through
 *      the worker pool, vs. the same requests on an idle server.
 * Run: npx tsx bench/report.ts
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import PDFDocument from 'pdfkit';
import { buildReportModel } from '../reports/build-report-model.ts';
import { renderReportPdf } from '../reports/render-report-pdf.ts';
import { createReportPool } from '../server/report-pool.ts';
import { assessSample, SAMPLE_DATE } from '../test/helpers/sample-results.ts';
import { handwerkDigital } from '../test/helpers/shipped.ts';
import { type Figure, isMain, median, percentile, printFigures } from './figures.ts';

const RENDER_RUNS = 40;
const CONCURRENT_REPORTS = 20;

async function timed(run: () => Promise<unknown>, runs: number, warmUp = 5): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

function onePagePdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Digitalisierungs-Check: Ergebnisbericht');
    doc.end();
  });
}

function get(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - start));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sequential GETs, a few ms apart, until `until` settles (or `count` for the idle baseline). */
async function probe(port: number, until: Promise<unknown> | null, count = 40): Promise<number[]> {
  let done = false;
  void until?.finally(() => (done = true));
  const latencies: number[] = [];
  while (until ? !done : latencies.length < count) {
    latencies.push(await get(port));
    await new Promise((r) => setTimeout(r, 5));
  }
  return latencies;
}

/** A name in five scripts, as a business might enter it: Source Sans sets the Latin and Cyrillic, Noto the rest. */
const WORLD_NAME = 'Bäckerei Łukasz Öztürk & Иван · مخبز السلام 🥐';

export async function run(): Promise<Figure[]> {
  const shipped = handwerkDigital();
  const sample = assessSample(shipped, 'middling', { benchmark: true, previous: 'weak' });
  const modelFor = (companyName?: string) =>
    buildReportModel({
      result: sample.result,
      questionnaire: shipped.prepared.definition,
      profile: companyName ? { ...sample.set.profile, companyName } : sample.set.profile,
      locale: 'de',
      date: SAMPLE_DATE,
      operator: shipped.catalogue.operator ?? 'Handwerkskammer',
      retakeUrl: 'https://check.example.org/handwerk-digital',
      answers: sample.set.answers,
    });
  const model = modelFor();
  const latinSize = (await renderReportPdf(model)).length / 1024;
  const worldSize = (await renderReportPdf(modelFor(WORLD_NAME))).length / 1024;

  const coldStart = performance.now();
  await renderReportPdf(model);
  const cold = performance.now() - coldStart;
  const baseline = median(await timed(onePagePdf, RENDER_RUNS));
  const report = median(await timed(() => renderReportPdf(model), RENDER_RUNS));

  const server: Server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const pool = createReportPool();
  await pool.render(model);
  const idle = await probe(port, null);
  const renders = Promise.all(Array.from({ length: CONCURRENT_REPORTS }, () => pool.render(model)));
  const busy = await probe(port, renders);
  await renders;
  await pool.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));

  const onePage = { name: 'one-page pdfkit document', value: baseline };
  const idleP50 = { name: 'idle server', value: percentile(idle, 50) };
  const idleMax = { name: 'idle server', value: Math.max(...idle) };
  const p50 = percentile(busy, 50);
  const max = Math.max(...busy);
  return [
    { name: 'tagged report render, median (warm)', value: report, unit: 'ms', target: '≤ 30 ms', pass: report <= 30, baseline: onePage, ratio: report / baseline },
    {
      name: 'report size, name in five scripts (fallback faces subset)',
      value: worldSize,
      unit: 'KiB',
      target: '≤ 150 KiB',
      pass: worldSize <= 150,
      baseline: { name: 'same report, Latin name', value: latinSize },
      ratio: worldSize / latinSize,
    },
    { name: 'report render, first in a process (cold)', value: cold, unit: 'ms', target: 'informative', pass: true, baseline: onePage, ratio: cold / baseline },
    { name: `health wait p50 while ${CONCURRENT_REPORTS} reports render (${busy.length} requests)`, value: p50, unit: 'ms', target: '≤ 5 ms', pass: p50 <= 5, baseline: idleP50, ratio: p50 / idleP50.value },
    { name: `health wait max while ${CONCURRENT_REPORTS} reports render`, value: max, unit: 'ms', target: '≤ 50 ms', pass: max <= 50, baseline: idleMax, ratio: max / idleMax.value },
  ];
}

if (isMain(import.meta.url)) printFigures('bench/report', await run());

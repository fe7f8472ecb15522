/**
 * Report figures, as ratios against baselines measured in the same run:
 *   1. median time to render a full report vs. a one-page pdfkit document;
 *   2. how long a health-like request waits while 20 reports render through
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

const RENDER_RUNS = 40;
const CONCURRENT_REPORTS = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

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

function line(figure: string, value: string, baseline: string, ratio: string, target: string, pass: boolean): string {
  return [figure.padEnd(40), value.padStart(11), baseline.padStart(11), ratio.padStart(8), target.padEnd(12), pass ? 'pass' : 'FAIL'].join('  ');
}

const shipped = handwerkDigital();
const sample = assessSample(shipped, 'middling', { benchmark: true, previous: 'weak' });
const model = buildReportModel({
  result: sample.result,
  questionnaire: shipped.prepared.definition,
  profile: sample.set.profile,
  locale: 'de',
  date: SAMPLE_DATE,
  operator: shipped.catalogue.operator ?? 'Handwerkskammer',
  retakeUrl: 'https://check.example.org/handwerk-digital',
  answers: sample.set.answers,
});

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

const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(line('figure', 'value', 'baseline', 'ratio', 'target', false).replace(/FAIL$/, 'result'));
console.log(line('report render, median (warm)', ms(report), ms(baseline), `${(report / baseline).toFixed(1)}x`, '<= 30 ms', report <= 30));
console.log(line('report render, first in process (cold)', ms(cold), ms(baseline), `${(cold / baseline).toFixed(1)}x`, 'info', true));
const p50 = percentile(busy, 50);
const max = Math.max(...busy);
const idleP50 = percentile(idle, 50);
const idleMax = Math.max(...idle);
console.log(line(`health wait p50, ${CONCURRENT_REPORTS} reports rendering`, ms(p50), ms(idleP50), `${(p50 / idleP50).toFixed(1)}x`, '<= 5 ms', p50 <= 5));
console.log(line(`health wait max, ${CONCURRENT_REPORTS} reports rendering`, ms(max), ms(idleMax), `${(max / idleMax).toFixed(1)}x`, '<= 50 ms', max <= 50));
console.log(`(${busy.length} health requests while the reports rendered; pool size 1)`);

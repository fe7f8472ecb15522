/**
 * Issue 18: a business's first visit, from typing the address to the first
 * question, in real Chromium against the real server (built app, temporary
 * database, listening on a port).
 *
 * - Bytes: everything the browser receives over the wire (headers included,
 *   CDP `encodedDataLength`) with `Accept-Encoding: br, gzip`, against the
 *   same visit with `identity` in the same run. Goal ≤ 100 KB.
 * - Time: the same visit on a throttled phone — 1.6 Mbit/s down, 750 kbit/s
 *   up, 150 ms round trip, CPU 4× slower (CDP) — from navigation to the first
 *   question on screen, median of five cold visits (fresh browser profile, so
 *   no cache), against the uncompressed visit. Goal ≤ 2.0 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { buildApp } from '../server/app.ts';
import { setup as buildClientIfStale } from '../test/setup/build-client.ts';
import { type Figure, isMain, median, printFigures } from './figures.ts';

const CHROMIUM = process.env.PROCHECK_CHROMIUM ?? '/usr/bin/chromium';
const CLIENT_DIST = new URL('../client/dist/', import.meta.url).pathname;
const RUNS = Number(process.env.FIRST_VISIT_RUNS ?? 5);

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1_000_000) / 8, uploadThroughput: (750 * 1000) / 8 };

export interface Visit {
  /** Bytes received over the wire, headers included. */
  bytes: number;
  /** Navigation to the first question on screen, ms. */
  ms: number;
  /** Response bodies by encoding, to show the server really compressed. */
  encodings: Record<string, number>;
}

/** One cold visit in a fresh browser profile. */
export async function firstVisit(browser: Browser, baseUrl: string, { acceptEncoding, throttle }: { acceptEncoding: string; throttle: boolean }): Promise<Visit> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 390, height: 844 }, locale: 'de-DE' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': acceptEncoding } });
    if (throttle) {
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    }
    let bytes = 0;
    const encodings: Record<string, number> = {};
    cdp.on('Network.responseReceived', (event) => {
      const encoding = Object.entries(event.response.headers).find(([name]) => name.toLowerCase() === 'content-encoding')?.[1] ?? 'identity';
      encodings[encoding] = (encodings[encoding] ?? 0) + 1;
    });
    cdp.on('Network.loadingFinished', (event) => {
      bytes += event.encodedDataLength;
    });
    // Timed in the page, from the navigation's start (performance.now()), by a user who clicks
    // "Check starten" the moment it appears: no automation round trips in the figure.
    await page.addInitScript(() => {
      const marks: { clicked?: number; question?: number } = {};
      (window as unknown as { __firstVisit: typeof marks }).__firstVisit = marks;
      new MutationObserver(() => {
        if (marks.clicked === undefined) {
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Check starten');
          if (button) {
            marks.clicked = performance.now();
            button.click();
          }
        } else if (marks.question === undefined && location.pathname.startsWith('/check/') && document.querySelector('input[type=radio]')) {
          marks.question = performance.now();
        }
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto('/', { waitUntil: 'commit' });
    const ms = await page.waitForFunction(() => (window as unknown as { __firstVisit: { question?: number } }).__firstVisit.question, null, { polling: 50 }).then((h) => h.jsonValue() as Promise<number>);
    // What was timed is what a person sees: the first question of the check (the trade), a visible radio button.
    await page.getByRole('radio').first().waitFor({ state: 'visible' });
    // Let requests still in flight (autosave, preloads) finish, so the byte count is complete.
    await page.waitForLoadState('networkidle');
    return { bytes, ms, encodings };
  } finally {
    await context.close();
  }
}

export async function run(): Promise<Figure[]> {
  await buildClientIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'procheck-bench-'));
  const app = await buildApp({
    databaseFile: join(dir, 'procheck.db'),
    clientDir: CLIENT_DIST,
    rateLimits: { createPerMinute: 100_000 },
  });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    // Bytes do not depend on throttling; one visit each, after a warm-up that compresses the questionnaire once.
    await firstVisit(browser, baseUrl, { acceptEncoding: 'br, gzip', throttle: false });
    const compressed = await firstVisit(browser, baseUrl, { acceptEncoding: 'br, gzip', throttle: false });
    const plain = await firstVisit(browser, baseUrl, { acceptEncoding: 'identity', throttle: false });
    const times = { compressed: [] as number[], plain: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so a burst of load on the shared machine hits both alike.
      times.compressed.push((await firstVisit(browser, baseUrl, { acceptEncoding: 'br, gzip', throttle: true })).ms);
      times.plain.push((await firstVisit(browser, baseUrl, { acceptEncoding: 'identity', throttle: true })).ms);
    }
    const kb = (bytes: number) => bytes / 1000;
    const seconds = { compressed: median(times.compressed) / 1000, plain: median(times.plain) / 1000 };
    return [
      {
        name: `first visit to the first question, bytes (br ${compressed.encodings.br ?? 0}, gzip ${compressed.encodings.gzip ?? 0}, plain ${compressed.encodings.identity ?? 0} responses)`,
        value: kb(compressed.bytes),
        unit: 'KB',
        target: '≤ 100 KB',
        pass: compressed.bytes <= 100_000,
        baseline: { name: 'uncompressed', value: kb(plain.bytes) },
        ratio: compressed.bytes / plain.bytes,
      },
      {
        name: `time to first question, 1.6 Mbit/s, 150 ms, CPU ×4 (median of ${RUNS}; ${times.compressed.map((t) => (t / 1000).toFixed(2)).join(', ')} s)`,
        value: seconds.compressed,
        unit: 's',
        target: '≤ 2.0 s',
        pass: seconds.compressed <= 2.0,
        baseline: { name: 'uncompressed', value: seconds.plain },
        ratio: seconds.compressed / seconds.plain,
      },
    ];
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) printFigures('bench/first-visit', await run());

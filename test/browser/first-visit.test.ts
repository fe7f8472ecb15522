/**
 * Issue 18 in Chromium: what a first visit costs on the wire, and that a
 * second visit takes the hashed files from the browser's cache without asking.
 * (`npm run bench` times the same visit on a throttled phone.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstVisit } from '../../bench/first-visit.ts';
import { type Harness, startHarness } from './browser-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('a first visit to the first question', () => {
  it('transfers at most 100 KB with brotli, under a third of the uncompressed visit, with every larger response compressed', async () => {
    const compressed = await firstVisit(h.browser, h.baseUrl, { acceptEncoding: 'br, gzip', throttle: false });
    const plain = await firstVisit(h.browser, h.baseUrl, { acceptEncoding: 'identity', throttle: false });
    expect(compressed.bytes).toBeLessThanOrEqual(100_000);
    expect(compressed.bytes / plain.bytes).toBeLessThan(1 / 3);
    // Script, stylesheet, page and questionnaire come as brotli; only answers under 1 KiB travel plain.
    expect(compressed.encodings.br).toBeGreaterThanOrEqual(4);
    expect(plain.encodings.br ?? 0).toBe(0);
  });

  it('on the next visit takes the hashed script and stylesheet from the cache without asking, and revalidates the page', async () => {
    const page = await h.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Check starten' }).waitFor();
    await page.goto('/');
    await page.getByRole('button', { name: 'Check starten' }).waitFor();
    const { assets, document } = await page.evaluate(() => ({
      assets: performance
        .getEntriesByType('resource')
        .map((e) => ({ path: new URL(e.name).pathname, transferSize: (e as PerformanceResourceTiming).transferSize }))
        .filter((e) => e.path.startsWith('/assets/')),
      document: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).transferSize,
    }));
    expect(assets.length).toBeGreaterThanOrEqual(2);
    // transferSize 0: from the HTTP cache with no request at all (a 304 revalidation would cost its headers).
    for (const asset of assets) expect(asset.transferSize, asset.path).toBe(0);
    // no-cache: the page itself is asked for again on every visit.
    expect(document).toBeGreaterThan(0);
  });
});

/**
 * What every browser test needs: the built web app served by a real app on a
 * temporary database, listening on a free port, and one Chromium per test
 * file. Debian's chromium (apt-get install chromium) is used, no download.
 */
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import type { AppOptions } from '../../server/app.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));
export const CHROMIUM = process.env.PROCHECK_CHROMIUM ?? '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };

export interface Harness {
  testApp: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile: its own storage, as another device would have. */
  newContext(options?: { viewport?: { width: number; height: number } }): Promise<BrowserContext>;
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

/** `options` go to the app, e.g. a clock that moves (checks submitted over several months). */
export async function startHarness(options: Partial<AppOptions> = {}): Promise<Harness> {
  const testApp = await createTestApp({ clientDir: CLIENT_DIST, ...options });
  const baseUrl = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const contexts: BrowserContext[] = [];
  const newContext = async (options: { viewport?: { width: number; height: number } } = {}) => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: options.viewport ?? PHONE,
      locale: 'de-DE',
      acceptDownloads: true,
      reducedMotion: 'reduce',
    });
    // Clipboard access for the copy buttons, as a user granting it would.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    contexts.push(context);
    return context;
  };
  return {
    testApp,
    baseUrl,
    browser,
    newContext,
    async newPage(options) {
      return (await newContext(options)).newPage();
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await testApp.close();
    },
  };
}

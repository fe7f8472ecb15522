/**
 * Issue 18: what a phone downloads. Over a real listening server and raw
 * HTTP (no client that decodes for us): every compressible response comes as
 * brotli or gzip and decodes to the uncompressed bytes; hashed assets are
 * cached for good, the page and the service worker are revalidated.
 */
import { request } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_DIR } from '../../server/plugins/client.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let t: TestApp;
let origin: string;

function get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = (r: RawResponse) =>
  r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body;

const assets = () => readdirSync(join(DEFAULT_CLIENT_DIR, 'assets')).filter((f) => /\.(js|css)$/.test(f));

beforeAll(async () => {
  t = await createTestApp();
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

describe('compression', () => {
  const compressible = () => [
    '/',
    '/check/00000000-0000-4000-8000-000000000000/strategie',
    '/sw.js',
    '/asset-manifest.json',
    ...assets().map((f) => `/assets/${f}`),
    '/api/questionnaires',
    '/api/questionnaires/handwerk-digital/1.1.0',
    '/api/questionnaires/handwerk-digital/1.0.0',
    '/api/catalogue',
    '/docs/json',
  ];

  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate', 'gzip'],
    ['gzip;q=1, br;q=0', 'gzip'],
  ])('when the browser accepts "%s", every compressible response comes as %s and decodes to the plain bytes', async (accept, expected) => {
    for (const path of compressible()) {
      const [encoded, plain] = await Promise.all([get(path, { 'accept-encoding': accept }), get(path)]);
      expect(encoded.status, path).toBe(200);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      // /api/questionnaires is small: under the 1 KiB threshold it travels plain.
      if (plain.body.length < 1024) continue;
      expect(encoded.headers['content-encoding'], path).toBe(expected);
      expect(encoded.headers.vary, path).toMatch(/accept-encoding/i);
      expect(encoded.body.length, path).toBeLessThan(plain.body.length * 0.5);
      expect(decode(encoded).equals(plain.body), path).toBe(true);
    }
  });

  it('sends the built files as the build compressed them (brotli 11), byte for byte', async () => {
    for (const file of assets()) {
      const response = await get(`/assets/${file}`, { 'accept-encoding': 'br, gzip' });
      expect(response.body.equals(readFileSync(join(DEFAULT_CLIENT_DIR, 'assets', `${file}.br`))), file).toBe(true);
    }
  });

  it('compresses a released questionnaire once with the best brotli and answers its ETag with 304', async () => {
    const first = await get('/api/questionnaires/handwerk-digital/1.1.0', { 'accept-encoding': 'br' });
    const plain = await get('/api/questionnaires/handwerk-digital/1.1.0');
    // Quality 11 on this text-heavy JSON: about a quarter of the plain size.
    expect(first.body.length).toBeLessThan(plain.body.length * 0.3);
    expect(JSON.parse(decode(first).toString())).toMatchObject({ hash: expect.stringMatching(/^sha256:/), definition: { id: 'handwerk-digital', version: '1.1.0' } });
    const again = await get('/api/questionnaires/handwerk-digital/1.1.0', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('sends answers under 1 KiB as they are', async () => {
    const health = await get('/health', { 'accept-encoding': 'br, gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});

describe('caching', () => {
  it('keeps hashed assets for a year without revalidation', async () => {
    for (const file of assets()) {
      for (const accept of ['br', 'gzip', '']) {
        const response = await get(`/assets/${file}`, accept ? { 'accept-encoding': accept } : {});
        expect(response.headers['cache-control'], `${file} ${accept}`).toBe('public, max-age=31536000, immutable');
      }
    }
  });

  it.each(['/', '/index.html', '/sw.js', '/asset-manifest.json', '/check/00000000-0000-4000-8000-000000000000/pruefen', '/scout', '/kammer'])(
    'revalidates %s on every use (no-cache)',
    async (path) => {
      for (const accept of ['br, gzip', '']) {
        const response = await get(path, accept ? { 'accept-encoding': accept } : {});
        expect(response.status).toBe(200);
        expect(response.headers['cache-control'], accept).toBe('no-cache');
      }
    },
  );
});

describe('preloads', () => {
  it('names the questionnaire list and the newest definition in the page’s Link header, not in the chamber’s area', async () => {
    const page = await get('/', { 'accept-encoding': 'br' });
    expect(page.headers.link).toBe(
      '</api/questionnaires>; rel=preload; as=fetch; crossorigin=anonymous, </api/questionnaires/handwerk-digital/1.1.0>; rel=preload; as=fetch; crossorigin=anonymous',
    );
    expect((await get('/check/00000000-0000-4000-8000-000000000000/strategie')).headers.link).toBe(page.headers.link);
    expect((await get('/kammer')).headers.link).toBeUndefined();
    expect((await get('/api/questionnaires')).headers.link).toBeUndefined();
  });
});

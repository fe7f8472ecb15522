/**
 * Brotli and gzip for every compressible response (JSON, HTML, JS, CSS, SVG,
 * CSV): a phone on a slow line downloads a fifth of the bytes. Registered
 * before any route, because @fastify/compress hooks routes as they are added.
 * The web app's hashed files are compressed once at build time (`.br`, `.gz`
 * beside them, see client/vite.config.ts) and sent as they are; a response
 * that already names its encoding is left alone.
 */
import compress from '@fastify/compress';
import fp from 'fastify-plugin';
import { constants } from 'node:zlib';

export const compressionPlugin = fp(
  async (app) => {
    await app.register(compress, {
      global: true,
      // Brotli first where the browser offers both; identity only when it offers neither.
      encodings: ['br', 'gzip'],
      threshold: 1024,
      // Quality 5: near the size of 11 for JSON at a tenth of the CPU; the static files get 11 at build time.
      brotliOptions: { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 5 } },
      zlibOptions: { level: 6 },
    });
  },
  { name: 'compression' },
);

/**
 * Serves the built web app (client/dist). The app's not-found handler answers
 * other page GETs with its index.html, so client-side routes survive a reload.
 */
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_CLIENT_DIR = new URL('../../client/dist/', import.meta.url).pathname;

export const isClientBuilt = (root: string) => existsSync(join(root, 'index.html'));

export const clientPlugin = fp<{ root: string }>(
  async (app, { root }) => {
    if (!isClientBuilt(root)) {
      app.log.warn({ root }, 'web app not built (npm run build); serving the API only');
      return;
    }
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      decorateReply: true,
      // Hashed asset names can be cached for good; index.html must always be fresh.
      setHeaders: (res, path) => {
        // Hashed assets never change; the page, the service worker and the asset list must be revalidated.
        const fresh = path.endsWith('.html') || path.endsWith('sw.js') || path.endsWith('asset-manifest.json');
        res.setHeader('cache-control', fresh ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    });
  },
  { name: 'client' },
);

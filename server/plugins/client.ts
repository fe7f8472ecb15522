/**
 * Serves the built web app (client/dist). The app's not-found handler answers
 * other page GETs with its index.html, so client-side routes survive a reload.
 *
 * Caching: files under assets/ carry a content hash in their name, so a
 * browser keeps them for a year without asking again (`immutable`); the page,
 * the service worker and the asset list are asked for on every use
 * (`no-cache`: revalidated, so a new build reaches everyone at once).
 * Compression: the build writes `.br` and `.gz` beside every text file and
 * they are sent as they are to a browser that accepts them.
 * The page names, in a `Link` header, the two API answers the start page
 * needs first, so the browser fetches them while the script still loads.
 */
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { QuestionnaireRegistry } from '../definitions/questionnaire-registry.ts';

export const DEFAULT_CLIENT_DIR = new URL('../../client/dist/', import.meta.url).pathname;

export const isClientBuilt = (root: string) => existsSync(join(root, 'index.html'));

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The cache policy of a file of the built app, by its path (a `.br`/`.gz` sibling counts as the file). */
export function cachePolicyOf(path: string): string {
  const file = path.replace(/\.(br|gz)$/, '').replace(/\\/g, '/');
  return /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(file) ? IMMUTABLE : REVALIDATE;
}

/** `Link` preloads for the released-questionnaire list and the newest definition the web app starts with. */
export function startPreloads(questionnaires: Pick<QuestionnaireRegistry, 'list' | 'latest'>): string {
  const first = questionnaires.list()[0];
  const latest = first ? questionnaires.latest(first.id) : undefined;
  const urls = ['/api/questionnaires'];
  if (latest) urls.push(`/api/questionnaires/${encodeURIComponent(latest.definition.id)}/${encodeURIComponent(latest.definition.version)}`);
  // `crossorigin`: the web app's fetch() is a CORS-mode request, and a preload is used only by a request of the same mode.
  return urls.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin=anonymous`).join(', ');
}

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
      preCompressed: true,
      // Off, so `send` does not overwrite the policy set below with its `max-age=0`.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', cachePolicyOf(path));
        // The same URL answers br, gzip or plain: caches must keep them apart.
        res.setHeader('vary', 'accept-encoding');
      },
    });
    const preloads = startPreloads(app.questionnaires);
    app.addHook('onSend', async (request, reply, payload) => {
      // The chamber's area needs neither.
      const page = String(reply.getHeader('content-type') ?? '').startsWith('text/html') && !request.url.startsWith('/kammer');
      if (page) reply.header('link', preloads);
      return payload;
    });
  },
  { name: 'client', dependencies: ['questionnaires'] },
);

/*
 * procheck's service worker, registered by the scouts' area (/scout) so
 * process scouts can work on a tablet without a connection.
 *
 * - App shell: on install it reads the asset manifest Vite writes
 *   (build.manifest → /asset-manifest.json) and caches index.html and every
 *   hashed asset; it activates only once all of them are cached. Hashed
 *   assets are answered from the cache first (their names change with their content).
 * - Navigations under /scout: network first, falling back to the cached
 *   index.html, so a reload offline opens the app. Other pages (the
 *   businesses' check) are left to the network as before.
 * - The questionnaires and the catalogue (/api/questionnaires…, /api/catalogue):
 *   network first with the cache as fallback; cached on install too, so the
 *   very first visit already works offline afterwards.
 * - Everything else, above all every other API call, goes straight to the network.
 *
 * The file's name and content do not change between builds; each successful
 * online navigation refreshes the shell from the current manifest instead.
 */
const SHELL_CACHE = 'procheck-shell-v1';
const DATA_CACHE = 'procheck-data-v1';
const MANIFEST_URL = '/asset-manifest.json';
const INDEX_URL = '/index.html';
// A slow connection ("lie-fi") must not keep a scout waiting: after this the cached copy answers.
const NETWORK_TIMEOUT_MS = 4000;

/** Every file the built app may load: entries, dynamic chunks, their CSS and assets. */
async function shellFiles() {
  const response = await fetch(MANIFEST_URL, { cache: 'no-store' });
  if (!response.ok) throw new Error(`asset manifest: HTTP ${response.status}`);
  /** @type {Record<string, { file: string, css?: string[], assets?: string[] }>} */
  const manifest = await response.json();
  const files = new Set();
  for (const chunk of Object.values(manifest)) {
    files.add(`/${chunk.file}`);
    for (const css of chunk.css ?? []) files.add(`/${css}`);
    for (const asset of chunk.assets ?? []) files.add(`/${asset}`);
  }
  return [...files];
}

/**
 * Caches what is missing from the current build, then (optionally) its
 * index.html, and only then forgets assets of older builds: at every moment
 * the cached index.html can start with what is cached.
 */
async function refreshShell(storeIndex = async () => undefined) {
  const cache = await caches.open(SHELL_CACHE);
  const files = await shellFiles();
  const cached = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
  await Promise.all(files.filter((file) => !cached.has(file)).map((file) => cache.add(new Request(file, { cache: 'no-store' }))));
  await storeIndex(cache);
  const current = new Set([...files, INDEX_URL]);
  await Promise.all((await cache.keys()).filter((request) => !current.has(new URL(request.url).pathname)).map((request) => cache.delete(request)));
}

/** The released questionnaires and the catalogue, as the app asks for them. */
async function refreshData() {
  const cache = await caches.open(DATA_CACHE);
  const list = await fetch('/api/questionnaires', { cache: 'no-store' });
  if (!list.ok) throw new Error(`questionnaires: HTTP ${list.status}`);
  /** @type {{ id: string, version: string }[]} */
  const released = await list.clone().json();
  await cache.put('/api/questionnaires', list);
  const urls = [...released.map((q) => `/api/questionnaires/${encodeURIComponent(q.id)}/${encodeURIComponent(q.version)}`), '/api/catalogue'];
  await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url, { cache: 'no-store' });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      await cache.put(url, response);
    }),
  );
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL_CACHE);
      await shell.add(new Request(INDEX_URL, { cache: 'no-store' }));
      await Promise.all([refreshShell(), refreshData()]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL_CACHE, DATA_CACHE]);
      await Promise.all((await caches.keys()).filter((name) => !keep.has(name)).map((name) => caches.delete(name)));
      // The page that registered the worker is controlled at once: its later requests are cached too.
      await self.clients.claim();
    })(),
  );
});

/** The network's answer, or null when it fails or takes too long. */
async function fromNetwork(request, timeoutMs) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const network = fetch(request).catch(() => null);
  const response = await Promise.race([network, timeout]);
  clearTimeout(timer);
  return { response, network };
}

/**
 * The network's answer when it comes in time, else the cached copy. `store`
 * keeps a fresh answer (by default: in the cache under `cacheKey`).
 */
async function networkFirst(event, cacheName, cacheKey, timeoutMs, store = (cache, response) => cache.put(cacheKey, response)) {
  const cache = await caches.open(cacheName);
  const { response, network } = await fromNetwork(event.request, timeoutMs);
  if (response && response.ok) {
    event.waitUntil(store(cache, response.clone()));
    return response;
  }
  const cached = await cache.match(cacheKey, { ignoreVary: true, ignoreSearch: false });
  if (cached) {
    // A late answer still refreshes the cache for next time.
    event.waitUntil(network.then((late) => (late && late.ok ? store(cache, late) : undefined)));
    return cached;
  }
  // Nothing cached: wait for the network after all, and pass on what it says (an error page, or the failure).
  const late = response ?? (await network);
  return late ?? Response.error();
}

async function cacheFirst(event) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(event.request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(event.request);
  if (response.ok) event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}

const isScoutPage = (path) => path === '/scout' || path.startsWith('/scout/');
const isCachedData = (path) => path === '/api/catalogue' || path === '/api/questionnaires' || path.startsWith('/api/questionnaires/');

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    if (!isScoutPage(url.pathname)) return;
    // A fresh index.html replaces the cached one only once the assets it names are cached too,
    // so going offline half way through an update never leaves a shell that cannot start.
    const store = (_cache, response) => refreshShell((cache) => cache.put(INDEX_URL, response)).catch(() => undefined);
    event.respondWith(networkFirst(event, SHELL_CACHE, INDEX_URL, NETWORK_TIMEOUT_MS, store));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(event));
    return;
  }
  if (isCachedData(url.pathname)) {
    event.respondWith(networkFirst(event, DATA_CACHE, url.pathname + url.search, NETWORK_TIMEOUT_MS));
  }
});

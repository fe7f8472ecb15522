/**
 * Registers the service worker (client/public/sw.js) from the scouts' area
 * only: it caches the app shell, the questionnaire and the catalogue, so the
 * area opens and works without a connection. `ready` resolves once the
 * worker has installed, which it does only after caching everything.
 */
export async function registerServiceWorker(container: ServiceWorkerContainer | undefined): Promise<boolean> {
  if (!container) return false;
  try {
    await container.register('/sw.js', { scope: '/' });
    await container.ready;
    return true;
  } catch {
    // Without a worker the area still works online; it just cannot open offline.
    return false;
  }
}

/**
 * Loads a page's chunk on demand (staff area, scout area, result page), so a
 * business on its first visit downloads only what the first question needs.
 * Returns the component once loaded, 'failed' when the chunk could not be
 * fetched (offline without the service worker's copy), null meanwhile.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function useLazyComponent<P>(load: () => Promise<ComponentType<P>>): ComponentType<P> | 'failed' | null {
  // Held in an object: a component is a function, and useState would call it as an updater.
  const [state, setState] = useState<{ component: ComponentType<P> } | 'failed' | null>(null);
  useEffect(() => {
    load().then(
      (component) => setState({ component }),
      () => setState('failed'),
    );
  }, []);
  return state === null || state === 'failed' ? state : state.component;
}

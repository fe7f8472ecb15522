import { useEffect, useState } from 'preact/hooks';
import type { PreparedQuestionnaire } from '../../../questionnaires/engine/index.ts';
import { useApp } from '../../app-context.ts';

export type Loaded<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed' };

/**
 * A questionnaire version through the app state's cache (and the service
 * worker's, offline); without an id, the newest released one, for a new visit.
 */
export function usePrepared(id?: string, version?: string): Loaded<PreparedQuestionnaire> {
  const app = useApp();
  const [loaded, setLoaded] = useState<Loaded<PreparedQuestionnaire>>({ kind: 'loading' });
  useEffect(() => {
    let current = true;
    const loading = id && version ? app.questionnaire(id, version) : app.latestQuestionnaire();
    void loading.then((result) => {
      if (current) setLoaded(result.ok ? { kind: 'ready', value: result.value } : { kind: 'failed' });
    });
    return () => {
      current = false;
    };
  }, [id, version]);
  return loaded;
}

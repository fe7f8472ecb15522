import { onPostgres } from '../helpers/engine.ts';

await onPostgres('visits and offline sync', () => import('../server/visits-sync.test.ts'));

import { onPostgres } from '../helpers/engine.ts';

await onPostgres('sync order and window', () => import('../server/sync-order-and-window.test.ts'));

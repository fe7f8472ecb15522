import { onPostgres } from '../helpers/engine.ts';

await onPostgres('demand', () => import('../server/demand.test.ts'));

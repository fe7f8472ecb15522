import { onPostgres } from '../helpers/engine.ts';

await onPostgres('pagination', () => import('../server/pagination.test.ts'));

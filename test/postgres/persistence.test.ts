import { onPostgres } from '../helpers/engine.ts';

await onPostgres('persistence', () => import('../server/persistence.test.ts'));

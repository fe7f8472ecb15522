import { onPostgres } from '../helpers/engine.ts';

await onPostgres('leads', () => import('../server/leads-api.test.ts'));

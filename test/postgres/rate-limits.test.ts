import { onPostgres } from '../helpers/engine.ts';

await onPostgres('rate limits', () => import('../server/rate-limits.test.ts'));

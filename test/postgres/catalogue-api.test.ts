import { onPostgres } from '../helpers/engine.ts';

await onPostgres('the offers catalogue API', () => import('../server/catalogue-api.test.ts'));

import { onPostgres } from '../helpers/engine.ts';

await onPostgres('the report route', () => import('../server/report-route.test.ts'));

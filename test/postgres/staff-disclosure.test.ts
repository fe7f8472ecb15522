import { onPostgres } from '../helpers/engine.ts';

await onPostgres('staff disclosure', () => import('../server/staff-disclosure.test.ts'));

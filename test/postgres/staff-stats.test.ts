import { onPostgres } from '../helpers/engine.ts';

await onPostgres('the staff dashboard', () => import('../server/staff-stats.test.ts'));

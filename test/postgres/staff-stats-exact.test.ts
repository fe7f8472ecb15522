import { onPostgres } from '../helpers/engine.ts';

await onPostgres('exact dashboard figures', () => import('../server/staff-stats-exact.test.ts'));

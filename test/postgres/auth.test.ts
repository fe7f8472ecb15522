import { onPostgres } from '../helpers/engine.ts';

await onPostgres('staff accounts and sessions', () => import('../server/auth.test.ts'));

import { onPostgres } from '../helpers/engine.ts';

await onPostgres('security', () => import('../server/security.test.ts'));

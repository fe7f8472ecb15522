import { onPostgres } from '../helpers/engine.ts';

await onPostgres('privacy', () => import('../server/privacy.test.ts'));

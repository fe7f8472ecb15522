import { onPostgres } from '../helpers/engine.ts';

await onPostgres('the re-check link', () => import('../server/recheck-link.test.ts'));

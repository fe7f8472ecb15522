import { onPostgres } from '../helpers/engine.ts';

await onPostgres('the walkthrough over HTTP', () => import('../server/walkthrough-http.test.ts'));

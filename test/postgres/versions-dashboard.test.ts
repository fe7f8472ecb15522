import { onPostgres } from '../helpers/engine.ts';

await onPostgres('the dashboard across versions', () => import('../server/versions-dashboard.test.ts'));

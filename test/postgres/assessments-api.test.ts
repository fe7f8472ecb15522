import { onPostgres } from '../helpers/engine.ts';

await onPostgres('the assessments API', () => import('../server/assessments-api.test.ts'));

import { onPostgres } from '../helpers/engine.ts';

await onPostgres('resuming at the step', () => import('../server/resume-step.test.ts'));

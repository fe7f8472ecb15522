import { onPostgres } from '../helpers/engine.ts';

await onPostgres('mail', () => import('../server/mail.test.ts'));

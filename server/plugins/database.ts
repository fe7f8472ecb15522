/**
 * Opens the database for the app's lifetime as `app.sql` (server/db/sql-client.ts):
 * PostgreSQL with a URL, otherwise the SQLite file. Closes it when the app
 * closes, after every other plugin's onClose.
 */
import fp from 'fastify-plugin';
import { openSqlClient } from '../db/open-sql-client.ts';
import type { SqlClient } from '../db/sql-client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    sql: SqlClient;
  }
}

export interface DatabasePluginOptions {
  file: string;
  url?: string;
  poolSize?: number;
  /** Told how many durable transactions (submits) each group commit wrote. */
  onDurableBatch?: (size: number) => void;
}

export const databasePlugin = fp<DatabasePluginOptions>(
  async (app, { file, url, poolSize, onDurableBatch }) => {
    const sql = await openSqlClient({
      file,
      url,
      poolSize,
      onDurableBatch,
      onBackup: (backup) => app.log.info({ backup }, 'database backed up before migration'),
      onMigrated: (applied) => app.log.info({ applied }, 'database schema migrated'),
    });
    app.log.info({ database: sql.describe() }, 'database open');
    app.decorate('sql', sql);
    // Registered first, so it runs last: queued durable writes commit before the file closes.
    app.addHook('onClose', async () => sql.close());
  },
  { name: 'database' },
);

/**
 * Opens the database for the app's lifetime as `app.sql` (server/db/sql-client.ts)
 * and closes it when the app closes, after every other plugin's onClose.
 */
import type Database from 'better-sqlite3';
import fp from 'fastify-plugin';
import type { SqlClient } from '../db/sql-client.ts';
import { openSqliteClient } from '../db/sqlite-client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    sql: SqlClient;
    /** @deprecated the SQLite connection itself, while repositories move to `app.sql` (issue 21). */
    db: Database.Database;
  }
}

export interface DatabasePluginOptions {
  file: string;
  /** Told how many durable transactions (submits) each group commit wrote. */
  onDurableBatch?: (size: number) => void;
}

export const databasePlugin = fp<DatabasePluginOptions>(
  async (app, { file, onDurableBatch }) => {
    const sql = await openSqliteClient({ file, onBatch: onDurableBatch, onBackup: (backup) => app.log.info({ backup }, 'database backed up before migration') });
    app.decorate('sql', sql);
    app.decorate('db', sql.db);
    // Registered first, so it runs last: queued durable writes commit before the file closes.
    app.addHook('onClose', async () => sql.close());
  },
  { name: 'database' },
);

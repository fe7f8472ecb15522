/** Opens the SQLite file for the app's lifetime and closes it when the app closes. */
import type Database from 'better-sqlite3';
import fp from 'fastify-plugin';
import { openDatabase } from '../db/open-database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database.Database;
  }
}

export const databasePlugin = fp<{ file: string }>(
  async (app, { file }) => {
    const db = await openDatabase({ file, onBackup: (backup) => app.log.info({ backup }, 'database backed up before migration') });
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      db.close();
    });
  },
  { name: 'database' },
);

/**
 * The database the app runs on (issue 21): PostgreSQL when a URL is given
 * (PROCHECK_DATABASE_URL), otherwise the embedded SQLite file — the default.
 * Either way the schema is brought up to date before the client is handed out,
 * and a database newer than this code is refused (NewerDatabaseError).
 */
import type { SqlClient } from './sql-client.ts';
import { openSqliteClient } from './sqlite-client.ts';

export interface OpenSqlClientOptions {
  /** The SQLite file; ignored when `url` is set. */
  file: string;
  /** postgres://user:password@host:port/database */
  url?: string;
  /** SQLite: the copy taken before a migration, for the log. */
  onBackup?: (file: string) => void;
  /** PostgreSQL: the migrations applied at this start, for the log. */
  onMigrated?: (applied: string[]) => void;
  /** SQLite: the size of each group commit of durable transactions. */
  onDurableBatch?: (size: number) => void;
  /** PostgreSQL: pooled connections per instance. */
  poolSize?: number;
}

export async function openSqlClient({ file, url, onBackup, onMigrated, onDurableBatch, poolSize }: OpenSqlClientOptions): Promise<SqlClient> {
  if (url === undefined) return openSqliteClient({ file, onBackup, onBatch: onDurableBatch });
  // Loaded only here: an installation on SQLite never loads the PostgreSQL driver.
  const [{ createPostgresClient }, { migratePostgres }] = await Promise.all([import('./postgres-client.ts'), import('./migrate-postgres.ts')]);
  const client = await createPostgresClient({ url, poolSize });
  try {
    const { applied } = await migratePostgres(client);
    if (applied.length > 0) onMigrated?.(applied);
    return client;
  } catch (error) {
    await client.close();
    throw error;
  }
}

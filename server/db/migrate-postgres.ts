/**
 * The numbered migrations on PostgreSQL (issue 21): each migration's `.pg.sql`
 * twin, all pending ones in one transaction, the version in `schema_version`
 * (PostgreSQL has no `user_version`). Several app instances may start at once:
 * a transaction-level advisory lock lets one migrate while the others wait,
 * then find nothing left to do.
 */
import { NewerDatabaseError, readMigrations, type Migration } from './migrate.ts';
import type { SqlClient, SqlQueries } from './sql-client.ts';

/** The advisory lock's name (hashed to its key with hashtext, as `exclusively` does). */
export const MIGRATION_LOCK = 'procheck:migrate';

export interface PostgresMigrationOutcome {
  /** The schema version found. */
  from: number;
  /** The schema version now. */
  to: number;
  /** Names of the migrations applied, in order. */
  applied: string[];
}

/** The schema version recorded in the database; 0 for an empty one. */
export async function postgresSchemaVersion(db: SqlQueries): Promise<number> {
  const table = await db.get<{ found: string | null }>("SELECT to_regclass('schema_version')::text AS found");
  if (!table?.found) return 0;
  const row = await db.get<{ version: number }>('SELECT max(version) AS version FROM schema_version');
  return row?.version ?? 0;
}

/** Applies the pending migrations; throws NewerDatabaseError on a database newer than the code. */
export async function migratePostgres(client: SqlClient, migrations: Migration[] = readMigrations()): Promise<PostgresMigrationOutcome> {
  if (client.dialect !== 'postgres') throw new Error(`migratePostgres needs a PostgreSQL client, not ${client.dialect}`);
  const latest = migrations.at(-1)?.version ?? 0;
  return client.transaction(async (tx) => {
    // Held until COMMIT: a second instance waits here and then reads the new version.
    await tx.get('SELECT pg_advisory_xact_lock(hashtext(?))', [MIGRATION_LOCK]);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const from = await postgresSchemaVersion(tx);
    if (from > latest) throw new NewerDatabaseError(from, latest);
    const pending = migrations.filter((m) => m.version > from);
    for (const migration of pending) {
      try {
        await tx.exec(migration.postgresSql);
      } catch (error) {
        throw new Error(`PostgreSQL migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    const to = pending.at(-1)?.version ?? from;
    if (to !== from) {
      await tx.run('DELETE FROM schema_version');
      await tx.run('INSERT INTO schema_version (version) VALUES (?)', [to]);
    }
    return { from, to, applied: pending.map((m) => m.name) };
  }, { durable: true });
}

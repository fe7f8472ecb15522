/**
 * The database engine a test file runs on (issue 21, point 4). Files run on
 * SQLite; a file under test/postgres/ loads a suite with `onPostgres`, and
 * every app that suite builds through createTestApp then gets a new database
 * of its own on the run's PostgreSQL server (test/setup/postgres.ts). Vitest
 * gives each test file its own modules, so the choice never leaks to a file
 * running on SQLite.
 */
import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { describe, inject, it } from 'vitest';
import type { SqliteClient } from '../../server/db/sqlite-client.ts';
import { freshDatabase, requirePostgres } from './postgres-server.ts';

let postgresServer: string | null = null;

/** The engine of this file's test apps. */
export const testEngine = (): 'sqlite' | 'postgres' => (postgresServer ? 'postgres' : 'sqlite');

/** Options for a new test app: on PostgreSQL, an empty database of its own. */
export async function testDatabase(): Promise<{ databaseUrl?: string }> {
  return postgresServer ? { databaseUrl: await freshDatabase(postgresServer) } : {};
}

/**
 * Runs a test suite (`() => import('../server/x.test.ts')`) on PostgreSQL.
 * Without PostgreSQL server binaries the suite is skipped and says why —
 * unless PROCHECK_REQUIRE_POSTGRES=1 (CI), where it fails.
 */
export async function onPostgres(name: string, load: () => Promise<unknown>): Promise<void> {
  const status = inject('postgres');
  if (status?.state === 'running') {
    postgresServer = status.url;
    await load();
    return;
  }
  const reason = status?.reason ?? 'the PostgreSQL global setup (test/setup/postgres.ts) did not run';
  if (status?.state === 'failed' || requirePostgres()) {
    it(`${name} on PostgreSQL has a PostgreSQL server`, () => {
      throw new Error(`PostgreSQL tests cannot run: ${reason}`);
    });
    return;
  }
  describe.skip(`${name} on PostgreSQL — skipped: ${reason}`, () => undefined);
}

/** The SQLite connection under an app, for tests of what only SQLite has (pragmas, its fsync levels). */
export function sqliteConnection(app: FastifyInstance): Database.Database {
  const { db } = app.sql as Partial<SqliteClient>;
  if (!db) throw new Error(`this test needs SQLite, and the app runs on ${app.sql.dialect}`);
  return db;
}

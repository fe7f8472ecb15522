/**
 * Numbered SQL migrations (`0010-name.sql`, in tens), applied in one
 * synchronous transaction; `user_version` records the last one applied.
 * Each has a PostgreSQL twin (`0010-name.pg.sql`, the same schema in that
 * dialect) that migrate-postgres.ts applies: one list for both engines.
 */
import type Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';

export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url).pathname;

export interface Migration {
  version: number;
  name: string;
  /** SQLite. */
  sql: string;
  /** The same migration for PostgreSQL, from `<name>.pg.sql`. */
  postgresSql: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir);
  const twins = new Set(files.filter((name) => /^\d{4}-[a-z0-9-]+\.pg\.sql$/.test(name)));
  const migrations = files
    .filter((name) => /^\d{4}-[a-z0-9-]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const twin = name.replace(/\.sql$/, '.pg.sql');
      if (!twins.delete(twin)) throw new Error(`migration ${name} has no PostgreSQL twin: write ${dir}/${twin}`);
      return { version: Number(name.slice(0, 4)), name, sql: readFileSync(`${dir}/${name}`, 'utf8'), postgresSql: readFileSync(`${dir}/${twin}`, 'utf8') };
    });
  const [orphan] = twins;
  if (orphan) throw new Error(`PostgreSQL migration ${orphan} has no SQLite migration of the same name`);
  return migrations;
}

/** Thrown when the file was written by a newer procheck: never guess at a schema we do not know. */
export class NewerDatabaseError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`the database was written by a newer procheck (schema version ${found}; this version knows up to ${known}). Upgrade procheck or restore a backup.`);
    this.name = 'NewerDatabaseError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Which migrations a database still needs; throws on a database newer than the code. */
export function pendingMigrations(db: Database.Database, migrations: Migration[] = readMigrations()): Migration[] {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new NewerDatabaseError(current, latest);
  return migrations.filter((m) => m.version > current);
}

export function applyMigrations(db: Database.Database, pending: Migration[]): void {
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) db.exec(migration.sql);
    db.pragma(`user_version = ${pending.at(-1)!.version}`);
  })();
}

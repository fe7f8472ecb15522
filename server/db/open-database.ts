/**
 * Opens the SQLite file with the settings procheck relies on, brings its
 * schema up to date and checks the result. A database that already held data
 * is copied with SQLite's backup API before it is migrated.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyMigrations, pendingMigrations, schemaVersion } from './migrate.ts';

export interface OpenDatabaseOptions {
  file: string;
  /** Called with the path of the pre-migration backup, for the log. */
  onBackup?: (file: string) => void;
}

/**
 * FULL makes every acknowledged commit durable through a power loss, not just
 * a process crash (WAL's NORMAL may lose the last commits). Autosaves are small
 * and rare per user, so the extra fsync is cheap insurance.
 */
export const SYNCHRONOUS_FULL = 2;

export async function openDatabase({ file, onBackup }: OpenDatabaseOptions): Promise<Database.Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    assertSettings(db);
    const pending = pendingMigrations(db);
    if (pending.length > 0 && schemaVersion(db) > 0 && file !== ':memory:') {
      const backup = `${file}.before-schema-${pending[0]!.version}-${Date.now()}.bak`;
      await db.backup(backup);
      onBackup?.(backup);
    }
    applyMigrations(db, pending);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function assertSettings(db: Database.Database): void {
  const journal = db.pragma('journal_mode', { simple: true });
  const synchronous = db.pragma('synchronous', { simple: true });
  const foreignKeys = db.pragma('foreign_keys', { simple: true });
  if (synchronous !== SYNCHRONOUS_FULL || foreignKeys !== 1 || (journal !== 'wal' && journal !== 'memory')) {
    throw new Error(`SQLite settings not in force (journal_mode=${journal}, synchronous=${synchronous}, foreign_keys=${foreignKeys})`);
  }
}

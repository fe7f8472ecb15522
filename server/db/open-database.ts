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
 * Durability, chosen on purpose. In WAL mode, NORMAL survives a crash of the
 * process (every commit is in the OS before it is acknowledged) but a power
 * loss may roll back the last commits; FULL fsyncs the log at each commit and
 * survives both. Autosaves of drafts run at NORMAL — they are frequent, and a
 * business re-enters at most its last few answers after a power cut. What must
 * never be lost runs at FULL as a durable transaction (sqlite-client.ts):
 * submitted results, erasures, sync batches. A FULL commit also flushes the
 * NORMAL commits before it.
 */
export const SYNCHRONOUS_NORMAL = 1;
export const SYNCHRONOUS_FULL = 2;

export async function openDatabase({ file, onBackup }: OpenDatabaseOptions): Promise<Database.Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
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
  if (synchronous !== SYNCHRONOUS_NORMAL || foreignKeys !== 1 || (journal !== 'wal' && journal !== 'memory')) {
    throw new Error(`SQLite settings not in force (journal_mode=${journal}, synchronous=${synchronous}, foreign_keys=${foreignKeys})`);
  }
}

/**
 * Online backup and restore with SQLite's backup API: a backup is taken while
 * the server runs (WAL lets it read a consistent state while autosaves go
 * on), checked, and can be restored over a stopped server's database.
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync, statSync } from 'node:fs';
import { readMigrations } from './migrate.ts';

export interface BackupReport {
  file: string;
  bytes: number;
  milliseconds: number;
  schemaVersion: number;
  tables: Record<string, number>;
}

function inspect(file: string): Omit<BackupReport, 'milliseconds' | 'file'> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} is damaged: ${String(integrity)}`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const names = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    const tables = Object.fromEntries(names.map((name) => [name, db.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number]));
    return { bytes: statSync(file).size, schemaVersion, tables };
  } finally {
    db.close();
  }
}

/** Copies a live database into `target` (which must not exist) and checks the copy. */
export async function backupDatabase(source: string, target: string): Promise<BackupReport> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  if (existsSync(target)) throw new Error(`${target} exists already; choose a new file name`);
  const started = performance.now();
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
  return { file: target, milliseconds: performance.now() - started, ...inspect(target) };
}

/**
 * Replaces `target` with the backup. The server must be stopped. The current
 * database is kept beside it as `<target>.before-restore-<time>`.
 */
export async function restoreDatabase(backup: string, target: string, now: Date): Promise<BackupReport & { previous: string | null }> {
  const checked = inspect(backup);
  const known = readMigrations().at(-1)?.version ?? 0;
  if (checked.schemaVersion > known) throw new Error(`the backup was written by a newer procheck (schema ${checked.schemaVersion}, this version knows ${known})`);
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, previous);
    for (const suffix of ['-wal', '-shm']) if (existsSync(target + suffix)) renameSync(target + suffix, previous + suffix);
  }
  const started = performance.now();
  const source = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  return { file: target, milliseconds: performance.now() - started, previous, ...inspect(target) };
}

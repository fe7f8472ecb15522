/**
 * `procheck migrate --to postgres://…` and `--from postgres://…` (issue 21,
 * point 3): an installation moves from its SQLite file onto PostgreSQL (a
 * chamber joining a shared installation), or from PostgreSQL into a new
 * SQLite file (a chamber leaving one).
 *
 * Moving onto PostgreSQL reads a backup of the live file (SQLite's online
 * backup API), never the file the running server writes: the copy is one
 * consistent moment, and the backup stays as the way back. Stop the SQLite
 * server before you switch, so nothing is written after that moment.
 */
import { existsSync } from 'node:fs';
import { backupDatabase } from './backup.ts';
import { type CopyReport, copyDatabase } from './copy-database.ts';
import { openSqlClient } from './open-sql-client.ts';
import type { SqlClient } from './sql-client.ts';
import { openSqliteClient } from './sqlite-client.ts';

export interface MoveOptions {
  direction: 'to-postgres' | 'from-postgres';
  url: string;
  /** The installation's SQLite file (PROCHECK_DB). */
  file: string;
  now: Date;
  /** Progress lines for the operator. */
  say: (line: string) => void;
}

export interface MoveOutcome extends CopyReport {
  /** The backup read (moving onto PostgreSQL). */
  backup: string | null;
}

export async function moveInstallation({ direction, url, file, now, say }: MoveOptions): Promise<MoveOutcome> {
  let backup: string | null = null;
  let from: SqlClient | null = null;
  let to: SqlClient | null = null;
  try {
    if (direction === 'to-postgres') {
      const stamp = `${file}.before-move-${now.toISOString().replace(/[:.]/g, '-')}`;
      backup = `${stamp}.bak`;
      // A second move within the same millisecond (or with a fixed clock) must not trip over the first's backup.
      for (let n = 2; existsSync(backup); n++) backup = `${stamp}-${n}.bak`;
      const taken = await backupDatabase(file, backup);
      say(`online backup of ${file}: ${backup} (${(taken.bytes / 1024).toFixed(0)} KiB, schema ${taken.schemaVersion})`);
      from = await openSqliteClient({ file: backup });
      to = await openSqlClient({ file, url });
    } else {
      if (existsSync(file)) throw new Error(`${file} exists already: give PROCHECK_DB a new file for the copy`);
      from = await openSqlClient({ file, url });
      to = await openSqliteClient({ file });
    }
    say(`copying ${from.describe()} → ${to.describe()}`);
    const report = await copyDatabase({ from, to, onTable: (table, rows) => say(`  ${table}: ${rows} rows`) });
    return { ...report, backup };
  } finally {
    await from?.close();
    await to?.close();
  }
}

/** The table of counts and checksums the command prints at the end. */
export function describeOutcome(outcome: MoveOutcome): string {
  const width = Math.max(...outcome.tables.map((t) => t.table.length));
  const lines = outcome.tables.map(
    (t) => `${t.table.padEnd(width)}  ${String(t.rows).padStart(8)} → ${String(t.targetRows).padStart(8)}  ${t.sourceChecksum === t.targetChecksum && t.rows === t.targetRows ? 'ok' : 'DIFFERENT'}  ${t.targetChecksum}`,
  );
  const rows = outcome.tables.reduce((sum, t) => sum + t.rows, 0);
  lines.push(outcome.matches ? `all ${outcome.tables.length} tables match (${rows} rows): row counts and checksums equal on both sides` : 'the copy does NOT match the source: see the tables marked DIFFERENT; do not switch over');
  return `${lines.join('\n')}\n`;
}

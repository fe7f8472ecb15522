/**
 * Copies every row of one procheck database into another, across engines
 * (issue 21, point 3: `procheck migrate --to postgres://…` and back). The
 * source is read from one snapshot; the target must be empty and at the same
 * schema version. At the end each table's row count and checksum are compared
 * on both sides, read back from the databases themselves — the copy counts as
 * done only when every table matches.
 *
 * The checksum does not depend on row order (text sorts differently on the
 * two engines): each row's values are written in one canonical form and
 * hashed (SHA-256), and the hashes are added up modulo 2^128. A changed,
 * missing or extra row changes the sum.
 */
import { createHash } from 'node:crypto';
import type { SnapshotReader, SqlClient, SqlParam, SqlQueries } from './sql-client.ts';

/** Rows per INSERT statement and per target transaction. */
const ROWS_PER_STATEMENT = 200;
const STATEMENTS_PER_TRANSACTION = 10;

/**
 * Tables kept up to date by triggers on other tables. Copying the rows they are
 * derived from makes the target's triggers fill them already; they are then
 * emptied and get the source's rows, which are the truth (e.g. a group whose
 * results were all erased keeps its row with n = 0).
 */
const TRIGGER_MAINTAINED = new Set(['peer_sums']);

/** Each engine's own record of its schema version, written by its migrations, not copied. */
const BOOKKEEPING = new Set(['schema_version']);

export interface TableReport {
  table: string;
  rows: number;
  sourceChecksum: string;
  targetChecksum: string;
  targetRows: number;
}

export interface CopyReport {
  tables: TableReport[];
  /** True when every table has the same rows and checksum on both sides. */
  matches: boolean;
}

export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

interface Column {
  name: string;
}

/** The tables of a procheck database, parents before children (foreign keys hold while rows go in). */
export async function tablesInOrder(reader: Pick<SnapshotReader, 'all'>, dialect: SqlClient['dialect']): Promise<string[]> {
  const tables =
    dialect === 'sqlite'
      ? (await reader.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((t) => t.name)
      : (await reader.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")).map((t) => t.name);
  const parents = new Map<string, string[]>();
  for (const table of tables) {
    const references =
      dialect === 'sqlite'
        ? await reader.all<{ parent: string }>('SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(?)', [table])
        : await reader.all<{ parent: string }>(
            `SELECT DISTINCT ccu.table_name AS parent FROM information_schema.table_constraints tc
               JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
             WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND tc.table_name = ?`,
            [table],
          );
    parents.set(
      table,
      references.map((r) => r.parent).filter((parent) => parent !== table),
    );
  }
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table)) return;
    if (path.includes(table)) throw new Error(`foreign keys form a cycle: ${[...path, table].join(' → ')}`);
    for (const parent of parents.get(table) ?? []) visit(parent, [...path, table]);
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

async function columnsOf(reader: Pick<SnapshotReader, 'all'>, dialect: SqlClient['dialect'], table: string): Promise<Column[]> {
  return dialect === 'sqlite'
    ? reader.all<Column>('SELECT name FROM pragma_table_info(?) ORDER BY cid', [table])
    : reader.all<Column>('SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position', [table]);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One value in a form both engines agree on: numbers by value, text as JSON, bytes as hex. */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return `n${Number(value)}`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Uint8Array) return `x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  throw new Error(`a value of an unexpected kind: ${typeof value}`);
}

const MODULUS = 1n << 128n;

/** Order-independent: the sum of the rows' hashes modulo 2^128, as 32 hex digits. */
class TableChecksum {
  private sum = 0n;
  rows = 0;
  add(row: readonly unknown[]): void {
    const digest = createHash('sha256').update(row.map(canonical).join('\u001f')).digest();
    this.sum = (this.sum + BigInt(`0x${digest.subarray(0, 16).toString('hex')}`)) % MODULUS;
    this.rows += 1;
  }
  toString(): string {
    return this.sum.toString(16).padStart(32, '0');
  }
}

async function checksumOf(reader: SnapshotReader, table: string, columns: readonly Column[]): Promise<TableChecksum> {
  const checksum = new TableChecksum();
  for await (const rows of reader.iterateRaw<unknown[]>(`SELECT ${columns.map((c) => quoted(c.name)).join(', ')} FROM ${quoted(table)}`)) {
    for (const row of rows) checksum.add(row);
  }
  return checksum;
}

async function insertRows(tx: SqlQueries, table: string, columns: readonly Column[], rows: readonly unknown[][]): Promise<void> {
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    await tx.run(
      `INSERT INTO ${quoted(table)} (${columns.map((c) => quoted(c.name)).join(', ')}) VALUES ${chunk.map(() => one).join(', ')}`,
      chunk.flat() as SqlParam[],
    );
  }
}

/** Identity columns on PostgreSQL continue after the highest copied id, or the next insert would collide. */
async function continueIdentities(target: SqlClient, table: string): Promise<void> {
  if (target.dialect !== 'postgres') return;
  const identities = await target.all<{ name: string }>(
    "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND is_identity = 'YES'",
    [table],
  );
  for (const { name } of identities) {
    await target.get(`SELECT setval(pg_get_serial_sequence(?, ?), coalesce((SELECT max(${quoted(name)}) FROM ${quoted(table)}), 0) + 1, false)`, [table, name]);
  }
}

export interface CopyOptions {
  from: SqlClient;
  to: SqlClient;
  /** Told after each table, for progress on the command line. */
  onTable?: (table: string, rows: number) => void;
}

export async function copyDatabase({ from, to, onTable }: CopyOptions): Promise<CopyReport> {
  const source = await from.snapshot();
  try {
    // Trigger-maintained tables last: the rows they derive from must be in before they are replaced.
    const ordered = (await tablesInOrder(source, from.dialect)).filter((t) => !BOOKKEEPING.has(t));
    const tables = [...ordered.filter((t) => !TRIGGER_MAINTAINED.has(t)), ...ordered.filter((t) => TRIGGER_MAINTAINED.has(t))];
    const targetTables = new Set(await tablesInOrder({ all: (sql, params) => to.all(sql, params) }, to.dialect));
    const missing = tables.filter((t) => !targetTables.has(t));
    if (missing.length > 0) throw new CopyRefusedError(`the target lacks the tables ${missing.join(', ')}: are both at the same schema version?`);
    for (const table of tables) {
      const any = await to.get(`SELECT 1 AS found FROM ${quoted(table)} LIMIT 1`);
      if (any && !TRIGGER_MAINTAINED.has(table)) throw new CopyRefusedError(`the target is not empty (table ${table} has rows): copy into a new, empty database`);
    }

    const sourceSums = new Map<string, TableChecksum>();
    for (const table of tables) {
      const columns = await columnsOf(source, from.dialect, table);
      const checksum = new TableChecksum();
      if (TRIGGER_MAINTAINED.has(table)) await to.run(`DELETE FROM ${quoted(table)}`);
      let pending: unknown[][] = [];
      const flush = async () => {
        const rows = pending;
        pending = [];
        await to.transaction((tx) => insertRows(tx, table, columns, rows));
      };
      for await (const rows of source.iterateRaw<unknown[]>(`SELECT ${columns.map((c) => quoted(c.name)).join(', ')} FROM ${quoted(table)}`)) {
        for (const row of rows) {
          checksum.add(row);
          pending.push(row);
        }
        if (pending.length >= ROWS_PER_STATEMENT * STATEMENTS_PER_TRANSACTION) await flush();
      }
      if (pending.length > 0) await flush();
      await continueIdentities(to, table);
      sourceSums.set(table, checksum);
      onTable?.(table, checksum.rows);
    }

    // Read back from the target itself, not from what was sent.
    const check = await to.snapshot();
    try {
      const reports: TableReport[] = [];
      for (const table of tables) {
        const sent = sourceSums.get(table)!;
        const stored = await checksumOf(check, table, await columnsOf(check, to.dialect, table));
        reports.push({ table, rows: sent.rows, sourceChecksum: sent.toString(), targetRows: stored.rows, targetChecksum: stored.toString() });
      }
      return { tables: reports, matches: reports.every((r) => r.rows === r.targetRows && r.sourceChecksum === r.targetChecksum) };
    } finally {
      await check.close();
    }
  } finally {
    await source.close();
  }
}

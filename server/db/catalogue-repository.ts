/**
 * All SQL about the offers catalogue: topics, regions, workshops and partners
 * as checked JSON documents with a revision, and the catalogue's settings.
 */
import type { SqlQueries } from './sql-client.ts';

export type EntryKind = 'topic' | 'region' | 'workshop' | 'partner';

export interface CatalogueEntry {
  kind: EntryKind;
  id: string;
  data: Record<string, unknown>;
  revision: number;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CatalogueSettings {
  sampleData: boolean;
  operator: string | null;
  generalAdviser: string | null;
  version: number;
}

interface EntryRow {
  kind: EntryKind;
  id: string;
  data: string;
  revision: number;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

const toEntry = (row: EntryRow): CatalogueEntry => ({
  kind: row.kind,
  id: row.id,
  data: JSON.parse(row.data) as Record<string, unknown>,
  revision: row.revision,
  retiredAt: row.retired_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const startOf = (kind: EntryKind, data: Record<string, unknown>): string | null => (kind === 'workshop' && typeof data.start === 'string' ? data.start : null);

const ENTRY_COLUMNS = 'kind, id, data, revision, retired_at, created_at, updated_at';

export function createCatalogueRepository(sql: SqlQueries) {
  const one = async (tx: SqlQueries, kind: EntryKind, id: string) => {
    const row = await tx.get<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM catalogue_entries WHERE kind = ? AND id = ?`, [kind, id]);
    return row && toEntry(row);
  };
  const bump = (tx: SqlQueries) => tx.run('UPDATE catalogue_settings SET version = version + 1 WHERE id = 1');
  const settingsRow = () =>
    sql.get<{ sample_data: number; operator: string | null; general_adviser: string | null; version: number }>(
      'SELECT sample_data, operator, general_adviser, version FROM catalogue_settings WHERE id = 1',
    );

  return {
    /** Moves with every change; a cheap read that tells a cached catalogue it is stale. */
    async version(): Promise<number> {
      const row = await sql.get<{ version: number }>('SELECT version FROM catalogue_settings WHERE id = 1');
      return row ? Number(row.version) : 0;
    },
    async isEmpty(): Promise<boolean> {
      return (await settingsRow()) === undefined;
    },
    async settings(): Promise<CatalogueSettings | undefined> {
      const row = await settingsRow();
      return row && { sampleData: row.sample_data === 1, operator: row.operator, generalAdviser: row.general_adviser, version: Number(row.version) };
    },
    async entries(): Promise<CatalogueEntry[]> {
      return (await sql.all<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM catalogue_entries ORDER BY kind, starts_at, id`)).map(toEntry);
    },
    async list(kind: EntryKind, withRetired: boolean): Promise<CatalogueEntry[]> {
      const rows = await sql.all<EntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM catalogue_entries WHERE kind = ? AND (CAST(? AS integer) = 1 OR retired_at IS NULL) ORDER BY starts_at, id`,
        [kind, withRetired ? 1 : 0],
      );
      return rows.map(toEntry);
    },
    find(kind: EntryKind, id: string): Promise<CatalogueEntry | undefined> {
      return one(sql, kind, id);
    },
    insert(kind: EntryKind, id: string, data: Record<string, unknown>, now: string): Promise<CatalogueEntry> {
      return sql.transaction(async (tx) => {
        await tx.run('INSERT INTO catalogue_entries (kind, id, data, starts_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
          kind,
          id,
          JSON.stringify(data),
          startOf(kind, data),
          now,
          now,
        ]);
        await bump(tx);
        return (await one(tx, kind, id))!;
      });
    },
    /** Writes if nobody else did since `expectedRevision`; undefined when stale. */
    update(kind: EntryKind, id: string, data: Record<string, unknown>, retiredAt: string | null, expectedRevision: number, now: string): Promise<CatalogueEntry | undefined> {
      return sql.transaction(async (tx) => {
        const { changes } = await tx.run(
          `UPDATE catalogue_entries SET data = ?, starts_at = ?, retired_at = ?, updated_at = ?, revision = revision + 1
           WHERE kind = ? AND id = ? AND revision = ?`,
          [JSON.stringify(data), startOf(kind, data), retiredAt, now, kind, id, expectedRevision],
        );
        if (changes !== 1) return undefined;
        await bump(tx);
        return (await one(tx, kind, id))!;
      });
    },
    /**
     * Makes `entries` the catalogue in force (seed and import), in one
     * transaction: entries not among them are retired, not deleted, so the
     * requests that name them keep their titles.
     */
    replace(entries: readonly { kind: EntryKind; id: string; data: Record<string, unknown> }[], s: Omit<CatalogueSettings, 'version'>, now: string): Promise<void> {
      return sql.transaction(async (tx) => {
        await tx.run('UPDATE catalogue_entries SET retired_at = ?, updated_at = ?, revision = revision + 1 WHERE retired_at IS NULL', [now, now]);
        for (const e of entries) {
          // Qualified: PostgreSQL finds a bare column of the target ambiguous beside `excluded`.
          await tx.run(
            `INSERT INTO catalogue_entries (kind, id, data, starts_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data, starts_at = excluded.starts_at, retired_at = NULL,
               updated_at = excluded.updated_at, revision = catalogue_entries.revision + 1
             WHERE catalogue_entries.data IS DISTINCT FROM excluded.data OR catalogue_entries.retired_at IS NOT NULL`,
            [e.kind, e.id, JSON.stringify(e.data), startOf(e.kind, e.data), now, now],
          );
        }
        await tx.run(
          `INSERT INTO catalogue_settings (id, sample_data, operator, general_adviser, version) VALUES (1, ?, ?, ?, 1)
           ON CONFLICT (id) DO UPDATE SET sample_data = excluded.sample_data, operator = excluded.operator,
             general_adviser = excluded.general_adviser, version = catalogue_settings.version + 1`,
          [s.sampleData ? 1 : 0, s.operator, s.generalAdviser],
        );
      });
    },
    /** Active workshops starting in [from, to) — local date-times `YYYY-MM-DDTHH:MM`. */
    async workshopsStarting(from: string, to: string): Promise<{ id: string; topics: string[] }[]> {
      const rows = await sql.all<{ id: string; data: string }>(
        "SELECT id, data FROM catalogue_entries WHERE kind = 'workshop' AND retired_at IS NULL AND starts_at >= ? AND starts_at < ?",
        [from, to],
      );
      return rows.map((row) => ({ id: row.id, topics: (JSON.parse(row.data) as { topics: string[] }).topics }));
    },
  };
}

export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;

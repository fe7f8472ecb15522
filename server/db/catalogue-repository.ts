/**
 * All SQL about the offers catalogue: topics, regions, workshops and partners
 * as checked JSON documents with a revision, and the catalogue's settings.
 */
import type Database from 'better-sqlite3';

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

export function createCatalogueRepository(db: Database.Database) {
  const version = db.prepare<[], number>('SELECT version FROM catalogue_settings WHERE id = 1').pluck();
  const settings = db.prepare<[], { sample_data: number; operator: string | null; general_adviser: string | null; version: number }>(
    'SELECT sample_data, operator, general_adviser, version FROM catalogue_settings WHERE id = 1',
  );
  const putSettings = db.prepare<[number, string | null, string | null]>(
    `INSERT INTO catalogue_settings (id, sample_data, operator, general_adviser, version) VALUES (1, ?, ?, ?, 1)
     ON CONFLICT (id) DO UPDATE SET sample_data = excluded.sample_data, operator = excluded.operator,
       general_adviser = excluded.general_adviser, version = catalogue_settings.version + 1`,
  );
  const bump = db.prepare('UPDATE catalogue_settings SET version = version + 1 WHERE id = 1');
  const all = db.prepare<[], EntryRow>('SELECT * FROM catalogue_entries ORDER BY kind, starts_at, id');
  const ofKind = db.prepare<[EntryKind, number], EntryRow>(
    'SELECT * FROM catalogue_entries WHERE kind = ? AND (? = 1 OR retired_at IS NULL) ORDER BY starts_at, id',
  );
  const one = db.prepare<[EntryKind, string], EntryRow>('SELECT * FROM catalogue_entries WHERE kind = ? AND id = ?');
  const insert = db.prepare<[EntryKind, string, string, string | null, string, string]>(
    'INSERT INTO catalogue_entries (kind, id, data, starts_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare<[string, string | null, string | null, string, EntryKind, string, number]>(
    `UPDATE catalogue_entries SET data = ?, starts_at = ?, retired_at = ?, updated_at = ?, revision = revision + 1
     WHERE kind = ? AND id = ? AND revision = ?`,
  );
  const upsert = db.prepare<[EntryKind, string, string, string | null, string, string]>(
    `INSERT INTO catalogue_entries (kind, id, data, starts_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data, starts_at = excluded.starts_at, retired_at = NULL,
       updated_at = excluded.updated_at, revision = revision + 1
     WHERE catalogue_entries.data IS NOT excluded.data OR catalogue_entries.retired_at IS NOT NULL`,
  );
  const retireAll = db.prepare<[string, string]>('UPDATE catalogue_entries SET retired_at = ?, updated_at = ?, revision = revision + 1 WHERE retired_at IS NULL');
  const upcoming = db.prepare<[string, string], { id: string; data: string }>(
    "SELECT id, data FROM catalogue_entries WHERE kind = 'workshop' AND retired_at IS NULL AND starts_at >= ? AND starts_at < ?",
  );

  return {
    /** Moves with every change; a cheap read that tells a cached catalogue it is stale. */
    version(): number {
      return version.get() ?? 0;
    },
    isEmpty(): boolean {
      return settings.get() === undefined;
    },
    settings(): CatalogueSettings | undefined {
      const row = settings.get();
      return row && { sampleData: row.sample_data === 1, operator: row.operator, generalAdviser: row.general_adviser, version: row.version };
    },
    entries(): CatalogueEntry[] {
      return all.all().map(toEntry);
    },
    list(kind: EntryKind, withRetired: boolean): CatalogueEntry[] {
      return ofKind.all(kind, withRetired ? 1 : 0).map(toEntry);
    },
    find(kind: EntryKind, id: string): CatalogueEntry | undefined {
      const row = one.get(kind, id);
      return row && toEntry(row);
    },
    insert(kind: EntryKind, id: string, data: Record<string, unknown>, now: string): CatalogueEntry {
      return db.transaction(() => {
        insert.run(kind, id, JSON.stringify(data), startOf(kind, data), now, now);
        bump.run();
        return toEntry(one.get(kind, id)!);
      }).immediate();
    },
    /** Writes if nobody else did since `expectedRevision`; undefined when stale. */
    update(kind: EntryKind, id: string, data: Record<string, unknown>, retiredAt: string | null, expectedRevision: number, now: string): CatalogueEntry | undefined {
      return db.transaction(() => {
        if (update.run(JSON.stringify(data), startOf(kind, data), retiredAt, now, kind, id, expectedRevision).changes !== 1) return undefined;
        bump.run();
        return toEntry(one.get(kind, id)!);
      }).immediate();
    },
    /**
     * Makes `entries` the catalogue in force (seed and import), in one
     * transaction: entries not among them are retired, not deleted, so the
     * requests that name them keep their titles.
     */
    replace(entries: readonly { kind: EntryKind; id: string; data: Record<string, unknown> }[], s: Omit<CatalogueSettings, 'version'>, now: string): void {
      db.transaction(() => {
        retireAll.run(now, now);
        for (const e of entries) upsert.run(e.kind, e.id, JSON.stringify(e.data), startOf(e.kind, e.data), now, now);
        putSettings.run(s.sampleData ? 1 : 0, s.operator, s.generalAdviser);
      }).immediate();
    },
    /** Active workshops starting in [from, to) — local date-times `YYYY-MM-DDTHH:MM`. */
    workshopsStarting(from: string, to: string): { id: string; topics: string[] }[] {
      return upcoming.all(from, to).map((row) => ({ id: row.id, topics: (JSON.parse(row.data) as { topics: string[] }).topics }));
    },
  };
}

export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;

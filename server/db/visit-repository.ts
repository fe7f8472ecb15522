/**
 * All SQL about scouts' visits: the visit rows beside their assessments, the
 * scouts' notes, and the ledger of synced changes. Statements are prepared
 * once; JSON columns are parsed here.
 */
import type Database from 'better-sqlite3';
import { withFullSync } from './open-database.ts';

export interface VisitRecord {
  /** The row id of the visit's assessment. */
  rowId: number;
  businessName: string | null;
  contactPerson: string | null;
  visitDate: string | null;
  fieldVersions: Record<string, string>;
  submitRequested: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface VisitNote {
  dimensionId: string;
  text: string | null;
  version: string;
}

export interface StoredChange {
  userRowId: number | null;
  visitId: string;
  contentHash: string;
  /** The JSON answered the first time, answered again byte for byte. */
  response: string;
}

export interface VisitListRow extends VisitRecord {
  id: string;
  scoutId: string | null;
  scoutName: string | null;
}

interface VisitRow {
  assessment_row_id: number;
  business_name: string | null;
  contact_person: string | null;
  visit_date: string | null;
  field_versions: string;
  submit_requested: number;
  created_at: string;
  updated_at: string;
}

interface VisitListSqlRow extends VisitRow {
  id: string;
  scout_id: string | null;
  scout_name: string | null;
}

const toRecord = (row: VisitRow): VisitRecord => ({
  rowId: row.assessment_row_id,
  businessName: row.business_name,
  contactPerson: row.contact_person,
  visitDate: row.visit_date,
  fieldVersions: JSON.parse(row.field_versions) as Record<string, string>,
  submitRequested: row.submit_requested === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const LIST = `SELECT v.*, a.id, u.id AS scout_id, u.name AS scout_name
  FROM visits v JOIN assessments a ON a.row_id = v.assessment_row_id LEFT JOIN users u ON u.row_id = a.scout_user_row_id`;
/** Where a page of the visit list starts: after the last row of the previous page. */
export interface VisitListKey {
  visitDate: string | null;
  rowId: number;
}

export function createVisitRepository(db: Database.Database) {
  const insertVisit = db.prepare<[number, string, string]>('INSERT INTO visits (assessment_row_id, created_at, updated_at) VALUES (?, ?, ?)');
  const claim = db.prepare<[number, number]>('UPDATE assessments SET scout_user_row_id = ? WHERE row_id = ?');
  const setResumeHash = db.prepare<[string, number]>('UPDATE assessments SET resume_hash = ? WHERE row_id = ?');
  const byRowId = db.prepare<[number], VisitRow>('SELECT * FROM visits WHERE assessment_row_id = ?');
  const update = db.prepare<[string | null, string | null, string | null, string, number, string, number]>(
    `UPDATE visits SET business_name = ?, contact_person = ?, visit_date = ?, field_versions = ?, submit_requested = ?, updated_at = ?
     WHERE assessment_row_id = ?`,
  );
  const notesOf = db.prepare<[number], { dimension_id: string; text: string | null; version: string }>(
    'SELECT dimension_id, text, version FROM visit_notes WHERE assessment_row_id = ? ORDER BY dimension_id',
  );
  const upsertNote = db.prepare<[number, string, string | null, string]>(
    `INSERT INTO visit_notes (assessment_row_id, dimension_id, text, version) VALUES (?, ?, ?, ?)
     ON CONFLICT (assessment_row_id, dimension_id) DO UPDATE SET text = excluded.text, version = excluded.version`,
  );
  const changeById = db.prepare<[string], { user_row_id: number | null; visit_id: string; content_hash: string; response: string }>(
    'SELECT user_row_id, visit_id, content_hash, response FROM sync_changes WHERE change_id = ?',
  );
  const insertChange = db.prepare<[string, number, string, string, string, string]>(
    'INSERT INTO sync_changes (change_id, user_row_id, visit_id, content_hash, response, applied_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const visitErased = db.prepare<[string], number>('SELECT 1 FROM erased_visits WHERE visit_id = ?').pluck();
  const pruneChanges = db.prepare<[string]>('DELETE FROM sync_changes WHERE applied_at < ?');
  const pruneErased = db.prepare<[string]>('DELETE FROM erased_visits WHERE erased_at < ?');
  const prune = db.transaction((cutoff: string) => ({ changes: pruneChanges.run(cutoff).changes, erasedVisits: pruneErased.run(cutoff).changes }));
  // Newest visit first, visits whose details have not arrived yet (no date) last; keyset-paged on (date, row id).
  const listPage = db.prepare<[{ scout: number | null; date: string | null; row: number | null; limit: number }], VisitListSqlRow>(
    `${LIST}
     WHERE (@scout IS NULL OR a.scout_user_row_id = @scout)
       AND (@row IS NULL
         OR (@date IS NOT NULL AND (v.visit_date IS NULL OR v.visit_date < @date OR (v.visit_date = @date AND v.assessment_row_id < @row)))
         OR (@date IS NULL AND v.visit_date IS NULL AND v.assessment_row_id < @row))
     ORDER BY v.visit_date IS NULL, v.visit_date DESC, v.assessment_row_id DESC
     LIMIT @limit`,
  );
  const describe = db.prepare<[number], VisitListSqlRow>(`${LIST} WHERE v.assessment_row_id = ?`);
  const batch = db.transaction(<T>(write: () => T): T => write());

  const toListRow = (row: VisitListSqlRow): VisitListRow => ({ ...toRecord(row), id: row.id, scoutId: row.scout_id, scoutName: row.scout_name });

  return {
    /**
     * Runs a sync batch as one IMMEDIATE transaction at synchronous=FULL: a
     * tablet deletes what the server acknowledged, so an acknowledged change
     * must survive a power cut, not only a crash.
     */
    inBatch<T>(write: () => T): T {
      return withFullSync(db, () => batch.immediate(write) as T);
    },
    /** Makes a freshly inserted assessment a visit of this user. */
    insert(rowId: number, userRowId: number, now: string): VisitRecord {
      claim.run(userRowId, rowId);
      insertVisit.run(rowId, now, now);
      return toRecord(byRowId.get(rowId)!);
    },
    find(rowId: number): VisitRecord | undefined {
      const row = byRowId.get(rowId);
      return row && toRecord(row);
    },
    update(visit: Omit<VisitRecord, 'createdAt'>): void {
      update.run(
        visit.businessName,
        visit.contactPerson,
        visit.visitDate,
        JSON.stringify(visit.fieldVersions),
        visit.submitRequested ? 1 : 0,
        visit.updatedAt,
        visit.rowId,
      );
    },
    setResumeHash(rowId: number, hash: string): void {
      setResumeHash.run(hash, rowId);
    },
    notes(rowId: number): VisitNote[] {
      return notesOf.all(rowId).map((n) => ({ dimensionId: n.dimension_id, text: n.text, version: n.version }));
    },
    saveNote(rowId: number, note: VisitNote): void {
      upsertNote.run(rowId, note.dimensionId, note.text, note.version);
    },
    findChange(changeId: string): StoredChange | undefined {
      const row = changeById.get(changeId);
      return row && { userRowId: row.user_row_id, visitId: row.visit_id, contentHash: row.content_hash, response: row.response };
    },
    recordChange(c: { changeId: string; userRowId: number; visitId: string; contentHash: string; response: string; at: string }): void {
      insertChange.run(c.changeId, c.userRowId, c.visitId, c.contentHash, c.response, c.at);
    },
    /** Whether this visit was erased (GDPR or retention) within the sync window. */
    wasErased(visitId: string): boolean {
      return visitErased.get(visitId) !== undefined;
    },
    /** Forgets ledger rows and erased visits older than `cutoff`: the ledger stays as large as the offline window. */
    prune(cutoff: string): { changes: number; erasedVisits: number } {
      return prune.immediate(cutoff);
    },
    /** The visit with its scout's id and name. */
    describe(rowId: number): VisitListRow | undefined {
      const row = describe.get(rowId);
      return row && toListRow(row);
    },
    /** Newest first; one scout's visits, or everybody's for null; `limit` rows after `after`. */
    list(scoutRowId: number | null, after: VisitListKey | null, limit: number): VisitListRow[] {
      return listPage.all({ scout: scoutRowId, date: after?.visitDate ?? null, row: after?.rowId ?? null, limit }).map(toListRow);
    },
  };
}

export type VisitRepository = ReturnType<typeof createVisitRepository>;

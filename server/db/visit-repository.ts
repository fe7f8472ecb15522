/**
 * All SQL about scouts' visits: the visit rows beside their assessments, the
 * scouts' notes, and the ledger of synced changes. JSON columns are parsed here.
 */
import type { SqlParam, SqlQueries } from './sql-client.ts';

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

/** Over the client, or over the sync batch's `tx`: then every call runs inside that transaction. */
export function createVisitRepository(sql: SqlQueries) {
  const toListRow = (row: VisitListSqlRow): VisitListRow => ({ ...toRecord(row), id: row.id, scoutId: row.scout_id, scoutName: row.scout_name });
  const find = async (rowId: number): Promise<VisitRecord | undefined> => {
    const row = await sql.get<VisitRow>('SELECT * FROM visits WHERE assessment_row_id = ?', [rowId]);
    return row && toRecord(row);
  };

  return {
    /**
     * Runs a sync batch as one durable transaction: a tablet deletes what the
     * server acknowledged, so an acknowledged change must survive a power cut,
     * not only a crash. `work` gets the transaction for the repositories it uses.
     */
    /**
     * One durable transaction for a tablet's batch. On PostgreSQL, batches
     * touching the same visits take turns (transaction-scoped advisory locks,
     * in sorted order so two batches never wait on each other): under READ
     * COMMITTED a batch sent twice at once would otherwise both miss the
     * other's ledger rows and one would fail on their unique key. After its
     * turn a batch sees the first one's ledger and answers the same bytes.
     * SQLite has one writer at a time already.
     */
    inBatch<T>(visitIds: readonly string[], work: (tx: SqlQueries) => Promise<T>): Promise<T> {
      return sql.transaction(async (tx) => {
        if (tx.dialect === 'postgres') {
          for (const id of [...new Set(visitIds)].sort()) await tx.get("SELECT pg_advisory_xact_lock(hashtext('procheck:visit:' || ?))", [id]);
        }
        return work(tx);
      }, { durable: true });
    },
    /** Makes a freshly inserted assessment a visit of this user. */
    async insert(rowId: number, userRowId: number, now: string): Promise<VisitRecord> {
      await sql.run('UPDATE assessments SET scout_user_row_id = ? WHERE row_id = ?', [userRowId, rowId]);
      await sql.run('INSERT INTO visits (assessment_row_id, created_at, updated_at) VALUES (?, ?, ?)', [rowId, now, now]);
      return (await find(rowId))!;
    },
    find,
    async update(visit: Omit<VisitRecord, 'createdAt'>): Promise<void> {
      await sql.run(
        `UPDATE visits SET business_name = ?, contact_person = ?, visit_date = ?, field_versions = ?, submit_requested = ?, updated_at = ?
         WHERE assessment_row_id = ?`,
        [visit.businessName, visit.contactPerson, visit.visitDate, JSON.stringify(visit.fieldVersions), visit.submitRequested ? 1 : 0, visit.updatedAt, visit.rowId],
      );
    },
    async setResumeHash(rowId: number, hash: string): Promise<void> {
      await sql.run('UPDATE assessments SET resume_hash = ? WHERE row_id = ?', [hash, rowId]);
    },
    async notes(rowId: number): Promise<VisitNote[]> {
      const rows = await sql.all<{ dimension_id: string; text: string | null; version: string }>(
        'SELECT dimension_id, text, version FROM visit_notes WHERE assessment_row_id = ? ORDER BY dimension_id',
        [rowId],
      );
      return rows.map((n) => ({ dimensionId: n.dimension_id, text: n.text, version: n.version }));
    },
    async saveNote(rowId: number, note: VisitNote): Promise<void> {
      await sql.run(
        `INSERT INTO visit_notes (assessment_row_id, dimension_id, text, version) VALUES (?, ?, ?, ?)
         ON CONFLICT (assessment_row_id, dimension_id) DO UPDATE SET text = excluded.text, version = excluded.version`,
        [rowId, note.dimensionId, note.text, note.version],
      );
    },
    async findChange(changeId: string): Promise<StoredChange | undefined> {
      const row = await sql.get<{ user_row_id: number | null; visit_id: string; content_hash: string; response: string }>(
        'SELECT user_row_id, visit_id, content_hash, response FROM sync_changes WHERE change_id = ?',
        [changeId],
      );
      return row && { userRowId: row.user_row_id, visitId: row.visit_id, contentHash: row.content_hash, response: row.response };
    },
    async recordChange(c: { changeId: string; userRowId: number; visitId: string; contentHash: string; response: string; at: string }): Promise<void> {
      await sql.run('INSERT INTO sync_changes (change_id, user_row_id, visit_id, content_hash, response, applied_at) VALUES (?, ?, ?, ?, ?, ?)', [
        c.changeId,
        c.userRowId,
        c.visitId,
        c.contentHash,
        c.response,
        c.at,
      ]);
    },
    /** Whether this visit was erased (GDPR or retention) within the sync window. */
    async wasErased(visitId: string): Promise<boolean> {
      return (await sql.get('SELECT 1 AS erased FROM erased_visits WHERE visit_id = ?', [visitId])) !== undefined;
    },
    /** Forgets ledger rows and erased visits older than `cutoff`: the ledger stays as large as the offline window. */
    prune(cutoff: string): Promise<{ changes: number; erasedVisits: number }> {
      return sql.transaction(async (tx) => ({
        changes: (await tx.run('DELETE FROM sync_changes WHERE applied_at < ?', [cutoff])).changes,
        erasedVisits: (await tx.run('DELETE FROM erased_visits WHERE erased_at < ?', [cutoff])).changes,
      }));
    },
    /** The visit with its scout's id and name. */
    async describe(rowId: number): Promise<VisitListRow | undefined> {
      const row = await sql.get<VisitListSqlRow>(`${LIST} WHERE v.assessment_row_id = ?`, [rowId]);
      return row && toListRow(row);
    },
    /** Newest first; one scout's visits, or everybody's for null; `limit` rows after `after`. */
    async list(scoutRowId: number | null, after: VisitListKey | null, limit: number): Promise<VisitListRow[]> {
      // The conditions are chosen here rather than with `? IS NULL` in SQL: PostgreSQL cannot type a parameter that is only tested for null.
      const where: string[] = [];
      const params: SqlParam[] = [];
      if (scoutRowId !== null) {
        where.push('a.scout_user_row_id = ?');
        params.push(scoutRowId);
      }
      // Newest visit first, visits whose details have not arrived yet (no date) last; keyset-paged on (date, row id).
      if (after && after.visitDate !== null) {
        where.push('(v.visit_date IS NULL OR v.visit_date < ? OR (v.visit_date = ? AND v.assessment_row_id < ?))');
        params.push(after.visitDate, after.visitDate, after.rowId);
      } else if (after) {
        where.push('v.visit_date IS NULL AND v.assessment_row_id < ?');
        params.push(after.rowId);
      }
      const rows = await sql.all<VisitListSqlRow>(
        `${LIST} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY v.visit_date IS NULL, v.visit_date DESC, v.assessment_row_id DESC LIMIT ?`,
        [...params, limit],
      );
      return rows.map(toListRow);
    },
  };
}

export type VisitRepository = ReturnType<typeof createVisitRepository>;

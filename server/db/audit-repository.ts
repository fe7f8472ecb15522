/** The audit log: who looked at or exported what, and when. Append-only. */
import type Database from 'better-sqlite3';

export interface AuditEntry {
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

export function createAuditRepository(db: Database.Database) {
  const insert = db.prepare<[string, string | null, string | null, string, string | null, string]>(
    'INSERT INTO audit_log (at, actor_user_id, actor_email, action, subject, details) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const page = db.prepare<[number, number], { row_id: number; at: string; actor_user_id: string | null; actor_email: string | null; action: string; subject: string | null; details: string }>(
    'SELECT * FROM audit_log WHERE row_id < ? ORDER BY row_id DESC LIMIT ?',
  );
  return {
    record(entry: AuditEntry): void {
      insert.run(entry.at, entry.actorUserId, entry.actorEmail, entry.action, entry.subject, JSON.stringify(entry.details));
    },
    /** Newest first; `before` is the `seq` of the last entry of the previous page. */
    list(limit: number, before = Number.MAX_SAFE_INTEGER): (AuditEntry & { seq: number })[] {
      return page.all(before, limit).map((row) => ({
        seq: row.row_id,
        at: row.at,
        actorUserId: row.actor_user_id,
        actorEmail: row.actor_email,
        action: row.action,
        subject: row.subject,
        details: JSON.parse(row.details) as Record<string, unknown>,
      }));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

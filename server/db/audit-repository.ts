/** The audit log: who looked at or exported what, and when. Append-only. */
import type { SqlQueries } from './sql-client.ts';

export interface AuditEntry {
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

interface AuditRow {
  row_id: number;
  at: string;
  actor_user_id: string | null;
  actor_email: string | null;
  action: string;
  subject: string | null;
  details: string;
}

export function createAuditRepository(sql: SqlQueries) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await sql.run('INSERT INTO audit_log (at, actor_user_id, actor_email, action, subject, details) VALUES (?, ?, ?, ?, ?, ?)', [
        entry.at,
        entry.actorUserId,
        entry.actorEmail,
        entry.action,
        entry.subject,
        JSON.stringify(entry.details),
      ]);
    },
    /** Newest first; `before` is the `seq` of the last entry of the previous page. */
    async list(limit: number, before = Number.MAX_SAFE_INTEGER): Promise<(AuditEntry & { seq: number })[]> {
      const rows = await sql.all<AuditRow>(
        'SELECT row_id, at, actor_user_id, actor_email, action, subject, details FROM audit_log WHERE row_id < ? ORDER BY row_id DESC LIMIT ?',
        [before, limit],
      );
      return rows.map((row) => ({
        seq: Number(row.row_id),
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

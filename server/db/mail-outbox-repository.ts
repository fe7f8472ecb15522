/**
 * All SQL about outbound mail: the durable outbox the sender works, the
 * counts behind the report-mail limits, re-check reminders and staff
 * members' mail preferences. Plain SQL (ISO-8601 text timestamps compared as
 * text, no JSON functions) that SQLite and PostgreSQL both run. Mutual
 * exclusion between senders is a conditional UPDATE on the row's status and
 * lease, inside the claiming transaction; on PostgreSQL the candidate row is
 * also locked (FOR UPDATE SKIP LOCKED), so instances claim different mails
 * instead of queueing behind one another.
 */
import type { SqlQueries } from './sql-client.ts';

export const MAIL_KINDS = ['report', 'request-confirmation', 'staff-request', 'staff-digest', 'recheck-reminder'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
export const MAIL_STATUSES = ['queued', 'sending', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
export type MailLocale = 'de' | 'en';
export const NEW_REQUEST_MODES = ['immediate', 'daily', 'off'] as const;
export type NewRequestMode = (typeof NEW_REQUEST_MODES)[number];

export interface NewMail {
  id: string;
  kind: MailKind;
  recipient: string;
  locale: MailLocale;
  assessmentRowId: number | null;
  userRowId: number | null;
  payload: Record<string, string>;
}

export interface MailRecord extends NewMail {
  rowId: number;
  status: MailStatus;
  attempts: number;
  interrupted: number;
  lastError: string | null;
  nextAttemptAt: string;
  leaseUntil: string | null;
  createdAt: string;
  failedAt: string | null;
}

interface MailRow {
  row_id: number;
  id: string;
  kind: MailKind;
  recipient: string;
  locale: MailLocale;
  assessment_row_id: number | null;
  user_row_id: number | null;
  payload: string;
  status: MailStatus;
  attempts: number;
  interrupted: number;
  last_error: string | null;
  next_attempt_at: string;
  lease_until: string | null;
  created_at: string;
  failed_at: string | null;
}

const toMail = (row: MailRow): MailRecord => ({
  rowId: row.row_id,
  id: row.id,
  kind: row.kind,
  recipient: row.recipient,
  locale: row.locale,
  assessmentRowId: row.assessment_row_id,
  userRowId: row.user_row_id,
  payload: JSON.parse(row.payload) as Record<string, string>,
  status: row.status,
  attempts: row.attempts,
  interrupted: row.interrupted,
  lastError: row.last_error,
  nextAttemptAt: row.next_attempt_at,
  leaseUntil: row.lease_until,
  createdAt: row.created_at,
  failedAt: row.failed_at,
});

export interface ReminderRecord {
  assessmentRowId: number;
  email: string;
  locale: MailLocale;
  dueAt: string;
  createdAt: string;
}

export interface StaffRecipient {
  userRowId: number;
  email: string;
  mode: NewRequestMode;
  locale: MailLocale;
  digestThrough: string | null;
}

/** A request as staff mails show it: who asked for what, from which check. */
export interface RequestForMail {
  requestId: string;
  assessmentRowId: number;
  assessmentId: string;
  offerKind: 'workshop' | 'partner';
  offerId: string;
  kind: 'interest' | 'contact';
  createdAt: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
}

interface RequestRow {
  request_id: string;
  assessment_row_id: number;
  assessment_id: string;
  offer_kind: 'workshop' | 'partner';
  offer_id: string;
  kind: 'interest' | 'contact';
  created_at: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
}

const toRequest = (row: RequestRow): RequestForMail => ({
  requestId: row.request_id,
  assessmentRowId: row.assessment_row_id,
  assessmentId: row.assessment_id,
  offerKind: row.offer_kind,
  offerId: row.offer_id,
  kind: row.kind,
  createdAt: row.created_at,
  name: row.name,
  company: row.company,
  email: row.email,
  phone: row.phone,
});

const REQUESTS = `
  SELECT q.id AS request_id, q.assessment_row_id, a.id AS assessment_id, q.offer_kind, q.offer_id, q.kind, q.created_at,
         l.name, l.company, l.email, l.phone
  FROM lead_requests q
  JOIN leads l ON l.assessment_row_id = q.assessment_row_id
  JOIN assessments a ON a.row_id = q.assessment_row_id`;

interface ReminderRow {
  assessment_row_id: number;
  email: string;
  locale: MailLocale;
  due_at: string;
  created_at: string;
}

const toReminder = (row: ReminderRow): ReminderRecord => ({
  assessmentRowId: Number(row.assessment_row_id),
  email: row.email,
  locale: row.locale,
  dueAt: row.due_at,
  createdAt: row.created_at,
});

const MAIL_COLUMNS =
  'row_id, id, kind, recipient, locale, assessment_row_id, user_row_id, payload, status, attempts, interrupted, last_error, next_attempt_at, lease_until, created_at, failed_at';

/** The outbox's statements over `sql`: the app's client, or a transaction's `tx`. */
function outboxQueries(sql: SqlQueries) {
  const changes = async (text: string, params: (string | number | null)[] = []) => (await sql.run(text, params)).changes;
  const mails = async (text: string, params: (string | number | null)[]) => (await sql.all<MailRow>(text, params)).map(toMail);
  const markFailed = (tx: SqlQueries, rowId: number, error: string, now: string) =>
    tx.run("UPDATE mail_outbox SET status = 'failed', last_error = ?, failed_at = ?, lease_until = NULL WHERE row_id = ?", [error, now, rowId]);
  // PostgreSQL: lock the candidate and pass over rows another instance's claim has locked, so two
  // instances never take one mail (nor wait for each other). SQLite has no row locks and needs none:
  // BEGIN IMMEDIATE already makes each claim the only writer of the file.
  const lockDue = sql.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';

  return {
    /** Queues a mail, due at once. Call with the outbox of the transaction that stores its cause (`transaction`). */
    async enqueue(mail: NewMail, now: string): Promise<void> {
      await sql.run(
        `INSERT INTO mail_outbox (id, kind, recipient, locale, assessment_row_id, user_row_id, payload, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [mail.id, mail.kind, mail.recipient, mail.locale, mail.assessmentRowId, mail.userRowId, JSON.stringify(mail.payload), now, now],
      );
    },

    /**
     * Takes the next due mail for this sender until `leaseUntil`. A mail whose
     * earlier lease ran out was being sent when a sender died: it gets one more
     * try (the at-most-one resend), and is failed rather than sent a third time.
     */
    claimNext(now: string, leaseUntil: string): Promise<MailRecord | undefined> {
      return sql.transaction(async (tx) => {
        for (;;) {
          // Due: queued and its time has come, or claimed by a sender whose lease ran out (it crashed or hung).
          const row = await tx.get<MailRow>(
            `SELECT ${MAIL_COLUMNS} FROM mail_outbox
             WHERE (status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?)
             ORDER BY next_attempt_at, row_id LIMIT 1${lockDue}`,
            [now, now],
          );
          if (!row) return undefined;
          const interrupted = row.status === 'sending';
          if (interrupted && row.interrupted >= 1) {
            await markFailed(tx, row.row_id, 'interrupted twice while sending; not sent again so that it cannot arrive three times', now);
            continue;
          }
          const claimed = await tx.get<MailRow>(
            `UPDATE mail_outbox SET status = 'sending', lease_until = ?, attempts = attempts + 1, interrupted = interrupted + ?
             WHERE row_id = ? AND status = ? AND (lease_until IS NULL OR lease_until = ?)
             RETURNING ${MAIL_COLUMNS}`,
            [leaseUntil, interrupted ? 1 : 0, row.row_id, row.status, row.lease_until ?? ''],
          );
          if (claimed) return toMail(claimed);
        }
      });
    },

    /** Sent: the row and the personal data in it are gone. */
    async delete(rowId: number): Promise<void> {
      await sql.run('DELETE FROM mail_outbox WHERE row_id = ?', [rowId]);
    },
    async retryLater(rowId: number, error: string, nextAttemptAt: string): Promise<void> {
      await sql.run("UPDATE mail_outbox SET status = 'queued', last_error = ?, next_attempt_at = ?, lease_until = NULL WHERE row_id = ? AND status = 'sending'", [
        error,
        nextAttemptAt,
        rowId,
      ]);
    },
    async markFailed(rowId: number, error: string, now: string): Promise<void> {
      await markFailed(sql, rowId, error, now);
    },
    list(status: MailStatus | undefined, limit: number): Promise<MailRecord[]> {
      return status
        ? mails(`SELECT ${MAIL_COLUMNS} FROM mail_outbox WHERE status = ? ORDER BY created_at DESC, row_id DESC LIMIT ?`, [status, limit])
        : mails(`SELECT ${MAIL_COLUMNS} FROM mail_outbox ORDER BY created_at DESC, row_id DESC LIMIT ?`, [limit]);
    },
    async counts(): Promise<Record<MailStatus, number>> {
      const counts: Record<MailStatus, number> = { queued: 0, sending: 0, failed: 0 };
      for (const { status, n } of await sql.all<{ status: MailStatus; n: number }>('SELECT status, count(*) AS n FROM mail_outbox GROUP BY status')) counts[status] = Number(n);
      return counts;
    },
    /** The admin's purge: everything, or every mail of one status. */
    purge(status: MailStatus | undefined): Promise<number> {
      return status ? changes('DELETE FROM mail_outbox WHERE status = ?', [status]) : changes('DELETE FROM mail_outbox');
    },
    async remove(id: string): Promise<boolean> {
      return (await changes('DELETE FROM mail_outbox WHERE id = ?', [id])) === 1;
    },
    deleteFailedBefore(cutoff: string): Promise<number> {
      return changes("DELETE FROM mail_outbox WHERE status = 'failed' AND failed_at < ?", [cutoff]);
    },
    /** The mail about one check still in the queue (for its data export). */
    ofCheck(assessmentRowId: number): Promise<MailRecord[]> {
      return mails(`SELECT ${MAIL_COLUMNS} FROM mail_outbox WHERE assessment_row_id = ? ORDER BY row_id`, [assessmentRowId]);
    },

    async recordReportRequest(assessmentRowId: number, addressHash: string, now: string): Promise<void> {
      await sql.run('INSERT INTO mail_report_requests (assessment_row_id, address_hash, requested_at) VALUES (?, ?, ?)', [assessmentRowId, addressHash, now]);
    },
    /** When the report mails asked for after `since` were asked, oldest first: per check and per address. */
    async reportRequestsSince(assessmentRowId: number, addressHash: string, since: string): Promise<{ check: string[]; address: string[] }> {
      const check = await sql.all<{ requested_at: string }>(
        'SELECT requested_at FROM mail_report_requests WHERE assessment_row_id = ? AND requested_at > ? ORDER BY requested_at',
        [assessmentRowId, since],
      );
      const address = await sql.all<{ requested_at: string }>(
        'SELECT requested_at FROM mail_report_requests WHERE address_hash = ? AND requested_at > ? ORDER BY requested_at',
        [addressHash, since],
      );
      return { check: check.map((r) => r.requested_at), address: address.map((r) => r.requested_at) };
    },
    pruneReportRequests(before: string): Promise<number> {
      return changes('DELETE FROM mail_report_requests WHERE requested_at <= ?', [before]);
    },

    async saveReminder(reminder: ReminderRecord): Promise<void> {
      await sql.run(
        `INSERT INTO recheck_reminders (assessment_row_id, email, locale, due_at, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (assessment_row_id) DO UPDATE SET email = excluded.email, locale = excluded.locale, due_at = excluded.due_at`,
        [reminder.assessmentRowId, reminder.email, reminder.locale, reminder.dueAt, reminder.createdAt],
      );
    },
    async reminder(assessmentRowId: number): Promise<ReminderRecord | undefined> {
      const row = await sql.get<ReminderRow>('SELECT assessment_row_id, email, locale, due_at, created_at FROM recheck_reminders WHERE assessment_row_id = ?', [assessmentRowId]);
      return row && toReminder(row);
    },
    /** The reminder and a queued reminder mail are gone; true when there was either. */
    deleteReminder(assessmentRowId: number): Promise<boolean> {
      return sql.transaction(async (tx) => {
        const reminders = (await tx.run('DELETE FROM recheck_reminders WHERE assessment_row_id = ?', [assessmentRowId])).changes;
        const queued = (await tx.run("DELETE FROM mail_outbox WHERE assessment_row_id = ? AND kind = ? AND status <> 'sending'", [assessmentRowId, 'recheck-reminder'])).changes;
        return reminders + queued > 0;
      });
    },
    /** Takes a due reminder off the list; false when another instance took it first. */
    async takeReminder(assessmentRowId: number): Promise<boolean> {
      return (await changes('DELETE FROM recheck_reminders WHERE assessment_row_id = ?', [assessmentRowId])) === 1;
    },
    async dueReminders(now: string, limit: number): Promise<ReminderRecord[]> {
      const rows = await sql.all<ReminderRow>(
        'SELECT assessment_row_id, email, locale, due_at, created_at FROM recheck_reminders WHERE due_at <= ? ORDER BY due_at LIMIT ?',
        [now, limit],
      );
      return rows.map(toReminder);
    },

    /** Active staff and admins; no preference row means the daily digest in German. */
    async staffRecipients(): Promise<StaffRecipient[]> {
      const rows = await sql.all<{ row_id: number; email: string; new_requests: NewRequestMode | null; locale: MailLocale | null; digest_through: string | null }>(
        `SELECT u.row_id, u.email, p.new_requests, p.locale, p.digest_through
         FROM users u LEFT JOIN staff_mail_preferences p ON p.user_row_id = u.row_id
         WHERE u.disabled = 0 AND u.role IN ('staff', 'admin') ORDER BY u.row_id`,
      );
      return rows.map((r) => ({ userRowId: Number(r.row_id), email: r.email, mode: r.new_requests ?? 'daily', locale: r.locale ?? 'de', digestThrough: r.digest_through }));
    },
    async preference(userRowId: number): Promise<{ mode: NewRequestMode; locale: MailLocale }> {
      const row = await sql.get<{ new_requests: NewRequestMode; locale: MailLocale }>('SELECT new_requests, locale FROM staff_mail_preferences WHERE user_row_id = ?', [userRowId]);
      return { mode: row?.new_requests ?? 'daily', locale: row?.locale ?? 'de' };
    },
    async savePreference(userRowId: number, mode: NewRequestMode, locale: MailLocale, now: string): Promise<void> {
      await sql.run(
        `INSERT INTO staff_mail_preferences (user_row_id, new_requests, locale, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_row_id) DO UPDATE SET new_requests = excluded.new_requests, locale = excluded.locale, updated_at = excluded.updated_at`,
        [userRowId, mode, locale, now],
      );
    },
    async markDigest(userRowId: number, locale: MailLocale, through: string, now: string): Promise<void> {
      await sql.run(
        `INSERT INTO staff_mail_preferences (user_row_id, new_requests, locale, digest_through, updated_at) VALUES (?, 'daily', ?, ?, ?)
         ON CONFLICT (user_row_id) DO UPDATE SET digest_through = excluded.digest_through`,
        [userRowId, locale, through, now],
      );
    },
    async request(requestId: string): Promise<RequestForMail | undefined> {
      const row = await sql.get<RequestRow>(`${REQUESTS} WHERE q.id = ?`, [requestId]);
      return row && toRequest(row);
    },
    async requestsBetween(after: string, through: string): Promise<RequestForMail[]> {
      return (await sql.all<RequestRow>(`${REQUESTS} WHERE q.created_at > ? AND q.created_at <= ? ORDER BY q.created_at, q.row_id`, [after, through])).map(toRequest);
    },
  };
}

/** The outbox inside one transaction. */
export type OutboxQueries = ReturnType<typeof outboxQueries>;

export function createMailOutboxRepository(sql: SqlQueries) {
  return {
    ...outboxQueries(sql),
    /** Several writes as one: a mail and its cause commit together or not at all. `work` gets the outbox of the transaction. */
    transaction<T>(work: (outbox: OutboxQueries) => Promise<T>): Promise<T> {
      return sql.transaction((tx) => work(outboxQueries(tx)));
    },
    /** The outbox inside a caller's transaction (a request for help queues its mails with it). */
    within: (tx: SqlQueries): OutboxQueries => outboxQueries(tx),
  };
}

export type MailOutboxRepository = ReturnType<typeof createMailOutboxRepository>;

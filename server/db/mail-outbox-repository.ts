/**
 * All SQL about outbound mail: the durable outbox the sender works, the
 * counts behind the report-mail limits, re-check reminders and staff
 * members' mail preferences. Plain SQL (ISO-8601 text timestamps compared as
 * text, no JSON functions), so a PostgreSQL port is a translation, not a
 * redesign. Mutual exclusion between senders is a conditional UPDATE on the
 * row's status and lease, which works the same on both engines.
 */
import type Database from 'better-sqlite3';

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

export function createMailOutboxRepository(db: Database.Database) {
  const insert = db.prepare<[string, MailKind, string, MailLocale, number | null, number | null, string, string, string]>(
    `INSERT INTO mail_outbox (id, kind, recipient, locale, assessment_row_id, user_row_id, payload, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Due: queued and its time has come, or claimed by a sender whose lease ran out (it crashed or hung).
  const nextDue = db.prepare<[string, string], MailRow>(
    `SELECT * FROM mail_outbox
     WHERE (status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?)
     ORDER BY next_attempt_at, row_id LIMIT 1`,
  );
  const claim = db.prepare<[string, number, number, string, string]>(
    `UPDATE mail_outbox SET status = 'sending', lease_until = ?, attempts = attempts + 1, interrupted = interrupted + ?
     WHERE row_id = ? AND status = ? AND (lease_until IS NULL OR lease_until = ?)`,
  );
  const byRowId = db.prepare<[number], MailRow>('SELECT * FROM mail_outbox WHERE row_id = ?');
  const remove = db.prepare<[number]>('DELETE FROM mail_outbox WHERE row_id = ?');
  const retry = db.prepare<[string, string, number]>(
    "UPDATE mail_outbox SET status = 'queued', last_error = ?, next_attempt_at = ?, lease_until = NULL WHERE row_id = ? AND status = 'sending'",
  );
  const fail = db.prepare<[string, string, number]>(
    "UPDATE mail_outbox SET status = 'failed', last_error = ?, failed_at = ?, lease_until = NULL WHERE row_id = ?",
  );
  const listAll = db.prepare<[number], MailRow>('SELECT * FROM mail_outbox ORDER BY created_at DESC, row_id DESC LIMIT ?');
  const listByStatus = db.prepare<[MailStatus, number], MailRow>('SELECT * FROM mail_outbox WHERE status = ? ORDER BY created_at DESC, row_id DESC LIMIT ?');
  const countByStatus = db.prepare<[], { status: MailStatus; n: number }>('SELECT status, count(*) AS n FROM mail_outbox GROUP BY status');
  const purgeAll = db.prepare('DELETE FROM mail_outbox');
  const purgeStatus = db.prepare<[MailStatus]>('DELETE FROM mail_outbox WHERE status = ?');
  const removeById = db.prepare<[string]>('DELETE FROM mail_outbox WHERE id = ?');
  const failedBefore = db.prepare<[string]>("DELETE FROM mail_outbox WHERE status = 'failed' AND failed_at < ?");
  const ofCheck = db.prepare<[number], MailRow>('SELECT * FROM mail_outbox WHERE assessment_row_id = ? ORDER BY row_id');

  const insertReportRequest = db.prepare<[number, string, string]>('INSERT INTO mail_report_requests (assessment_row_id, address_hash, requested_at) VALUES (?, ?, ?)');
  const checkRequestsSince = db.prepare<[number, string], { requested_at: string }>(
    'SELECT requested_at FROM mail_report_requests WHERE assessment_row_id = ? AND requested_at > ? ORDER BY requested_at',
  );
  const addressRequestsSince = db.prepare<[string, string], { requested_at: string }>(
    'SELECT requested_at FROM mail_report_requests WHERE address_hash = ? AND requested_at > ? ORDER BY requested_at',
  );
  const pruneReportRequests = db.prepare<[string]>('DELETE FROM mail_report_requests WHERE requested_at <= ?');

  const upsertReminder = db.prepare<[number, string, MailLocale, string, string]>(
    `INSERT INTO recheck_reminders (assessment_row_id, email, locale, due_at, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (assessment_row_id) DO UPDATE SET email = excluded.email, locale = excluded.locale, due_at = excluded.due_at`,
  );
  const reminderOf = db.prepare<[number], { assessment_row_id: number; email: string; locale: MailLocale; due_at: string; created_at: string }>(
    'SELECT * FROM recheck_reminders WHERE assessment_row_id = ?',
  );
  const deleteReminder = db.prepare<[number]>('DELETE FROM recheck_reminders WHERE assessment_row_id = ?');
  const dueReminders = db.prepare<[string, number], { assessment_row_id: number; email: string; locale: MailLocale; due_at: string; created_at: string }>(
    'SELECT * FROM recheck_reminders WHERE due_at <= ? ORDER BY due_at LIMIT ?',
  );
  const deleteQueuedOfKind = db.prepare<[number, MailKind]>("DELETE FROM mail_outbox WHERE assessment_row_id = ? AND kind = ? AND status <> 'sending'");

  // Active staff and admins; no preference row means the daily digest in German.
  const staffRecipients = db.prepare<[], { row_id: number; email: string; new_requests: NewRequestMode | null; locale: MailLocale | null; digest_through: string | null }>(
    `SELECT u.row_id, u.email, p.new_requests, p.locale, p.digest_through
     FROM users u LEFT JOIN staff_mail_preferences p ON p.user_row_id = u.row_id
     WHERE u.disabled = 0 AND u.role IN ('staff', 'admin') ORDER BY u.row_id`,
  );
  const preferenceOf = db.prepare<[number], { new_requests: NewRequestMode; locale: MailLocale; digest_through: string | null }>(
    'SELECT new_requests, locale, digest_through FROM staff_mail_preferences WHERE user_row_id = ?',
  );
  const upsertPreference = db.prepare<[number, NewRequestMode, MailLocale, string]>(
    `INSERT INTO staff_mail_preferences (user_row_id, new_requests, locale, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_row_id) DO UPDATE SET new_requests = excluded.new_requests, locale = excluded.locale, updated_at = excluded.updated_at`,
  );
  const setDigestThrough = db.prepare<[number, MailLocale, string, string]>(
    `INSERT INTO staff_mail_preferences (user_row_id, new_requests, locale, digest_through, updated_at) VALUES (?, 'daily', ?, ?, ?)
     ON CONFLICT (user_row_id) DO UPDATE SET digest_through = excluded.digest_through`,
  );
  const requestById = db.prepare<[string], RequestRow>(`${REQUESTS} WHERE q.id = ?`);
  const requestsBetween = db.prepare<[string, string], RequestRow>(`${REQUESTS} WHERE q.created_at > ? AND q.created_at <= ? ORDER BY q.created_at, q.row_id`);

  const toReminder = (row: { assessment_row_id: number; email: string; locale: MailLocale; due_at: string; created_at: string }): ReminderRecord => ({
    assessmentRowId: row.assessment_row_id,
    email: row.email,
    locale: row.locale,
    dueAt: row.due_at,
    createdAt: row.created_at,
  });

  return {
    /** Queues a mail, due at once. Call inside the transaction that stores its cause. */
    enqueue(mail: NewMail, now: string): void {
      insert.run(mail.id, mail.kind, mail.recipient, mail.locale, mail.assessmentRowId, mail.userRowId, JSON.stringify(mail.payload), now, now);
    },

    /**
     * Takes the next due mail for this sender until `leaseUntil`. A mail whose
     * earlier lease ran out was being sent when a sender died: it gets one more
     * try (the at-most-one resend), and is failed rather than sent a third time.
     */
    claimNext(now: string, leaseUntil: string): MailRecord | undefined {
      return db.transaction(() => {
        for (;;) {
          const row = nextDue.get(now, now);
          if (!row) return undefined;
          const interrupted = row.status === 'sending';
          if (interrupted && row.interrupted >= 1) {
            fail.run('interrupted twice while sending; not sent again so that it cannot arrive three times', now, row.row_id);
            continue;
          }
          if (claim.run(leaseUntil, interrupted ? 1 : 0, row.row_id, row.status, row.lease_until ?? '').changes === 1) return toMail(byRowId.get(row.row_id)!);
        }
      }).immediate();
    },

    /** Sent: the row and the personal data in it are gone. */
    delete(rowId: number): void {
      remove.run(rowId);
    },
    retryLater(rowId: number, error: string, nextAttemptAt: string): void {
      retry.run(error, nextAttemptAt, rowId);
    },
    markFailed(rowId: number, error: string, now: string): void {
      fail.run(error, now, rowId);
    },
    list(status: MailStatus | undefined, limit: number): MailRecord[] {
      return (status ? listByStatus.all(status, limit) : listAll.all(limit)).map(toMail);
    },
    counts(): Record<MailStatus, number> {
      const counts: Record<MailStatus, number> = { queued: 0, sending: 0, failed: 0 };
      for (const { status, n } of countByStatus.all()) counts[status] = n;
      return counts;
    },
    /** The admin's purge: everything, or every mail of one status. */
    purge(status: MailStatus | undefined): number {
      return (status ? purgeStatus.run(status) : purgeAll.run()).changes;
    },
    remove(id: string): boolean {
      return removeById.run(id).changes === 1;
    },
    deleteFailedBefore(cutoff: string): number {
      return failedBefore.run(cutoff).changes;
    },
    /** The mail about one check still in the queue (for its data export). */
    ofCheck(assessmentRowId: number): MailRecord[] {
      return ofCheck.all(assessmentRowId).map(toMail);
    },

    recordReportRequest(assessmentRowId: number, addressHash: string, now: string): void {
      insertReportRequest.run(assessmentRowId, addressHash, now);
    },
    /** When the report mails asked for after `since` were asked, oldest first: per check and per address. */
    reportRequestsSince(assessmentRowId: number, addressHash: string, since: string): { check: string[]; address: string[] } {
      return {
        check: checkRequestsSince.all(assessmentRowId, since).map((r) => r.requested_at),
        address: addressRequestsSince.all(addressHash, since).map((r) => r.requested_at),
      };
    },
    pruneReportRequests(before: string): number {
      return pruneReportRequests.run(before).changes;
    },

    saveReminder(reminder: ReminderRecord): void {
      upsertReminder.run(reminder.assessmentRowId, reminder.email, reminder.locale, reminder.dueAt, reminder.createdAt);
    },
    reminder(assessmentRowId: number): ReminderRecord | undefined {
      const row = reminderOf.get(assessmentRowId);
      return row && toReminder(row);
    },
    /** The reminder and a queued reminder mail are gone; true when there was either. */
    deleteReminder(assessmentRowId: number): boolean {
      return db.transaction(() => deleteReminder.run(assessmentRowId).changes + deleteQueuedOfKind.run(assessmentRowId, 'recheck-reminder').changes > 0)();
    },
    /** Takes a due reminder off the list; false when another instance took it first. */
    takeReminder(assessmentRowId: number): boolean {
      return deleteReminder.run(assessmentRowId).changes === 1;
    },
    dueReminders(now: string, limit: number): ReminderRecord[] {
      return dueReminders.all(now, limit).map(toReminder);
    },

    staffRecipients(): StaffRecipient[] {
      return staffRecipients.all().map((r) => ({ userRowId: r.row_id, email: r.email, mode: r.new_requests ?? 'daily', locale: r.locale ?? 'de', digestThrough: r.digest_through }));
    },
    preference(userRowId: number): { mode: NewRequestMode; locale: MailLocale } {
      const row = preferenceOf.get(userRowId);
      return { mode: row?.new_requests ?? 'daily', locale: row?.locale ?? 'de' };
    },
    savePreference(userRowId: number, mode: NewRequestMode, locale: MailLocale, now: string): void {
      upsertPreference.run(userRowId, mode, locale, now);
    },
    markDigest(userRowId: number, locale: MailLocale, through: string, now: string): void {
      setDigestThrough.run(userRowId, locale, through, now);
    },
    request(requestId: string): RequestForMail | undefined {
      const row = requestById.get(requestId);
      return row && toRequest(row);
    },
    requestsBetween(after: string, through: string): RequestForMail[] {
      return requestsBetween.all(after, through).map(toRequest);
    },

    /** Several writes as one: a mail and its cause commit together or not at all. */
    transaction<T>(work: () => T): T {
      return db.transaction(work).immediate();
    },
  };
}

export type MailOutboxRepository = ReturnType<typeof createMailOutboxRepository>;

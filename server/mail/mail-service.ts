/**
 * What causes mail, and the rules around it: a business asks for its report
 * (limited per check and per address), a request for help confirms itself to
 * the business and tells staff (at once or in a daily digest, as each chose),
 * a business opts in to a re-check reminder and unsubscribes with one click.
 * Every mail is queued in the transaction of its cause; the sender
 * (sender.ts) is woken once that transaction has committed, and delivers it.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AssessmentRecord, AssessmentRepository } from '../db/assessment-repository.ts';
import type { UserRecord } from '../db/account-repository.ts';
import type { LeadRecord, LeadRequestRecord } from '../db/lead-repository.ts';
import type { MailLocale, MailOutboxRepository, MailRecord, MailStatus, NewMail, NewRequestMode, OutboxQueries } from '../db/mail-outbox-repository.ts';
import type { SqlQueries } from '../db/sql-client.ts';
import { unsubscribeToken } from '../assessments/resume-code.ts';
import { ProblemError } from '../errors.ts';

export interface MailPolicy {
  /** Report mails per check, and per address, within an hour. */
  reportsPerHour: number;
  /** A re-check reminder comes this many months after the check. */
  recheckReminderMonths: number;
  /** The daily digest goes out after this hour (UTC). */
  digestHourUtc: number;
  /** Failed mails are kept this many days for the admins, then deleted. */
  keepFailedDays: number;
}

export const DEFAULT_MAIL_POLICY: MailPolicy = { reportsPerHour: 3, recheckReminderMonths: 6, digestHourUtc: 7, keepFailedDays: 14 };

interface Dependencies {
  outbox: MailOutboxRepository;
  assessments: AssessmentRepository;
  policy: MailPolicy;
  /** The app's clock: submission dates and reminders. */
  now: () => Date;
  /** Real time: the report-mail limits and the queue, which a test's fixed app clock would freeze. */
  clock: () => Date;
  /** Told after a transaction that queued mail has committed, so the sender starts at once instead of at its next poll. */
  onQueued: () => void;
}

const HOUR = 3_600_000;
const addressHash = (address: string) => createHash('sha256').update(`procheck-mail:${address.trim().toLowerCase()}`).digest('hex');

/** `date` plus whole months, the day clamped to the month's end (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return result;
}

/** What admins see of a queued or failed mail. */
export interface MailView {
  id: string;
  kind: MailRecord['kind'];
  recipient: string;
  locale: MailLocale;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  failedAt: string | null;
}

const mailView = (m: MailRecord): MailView => ({
  id: m.id,
  kind: m.kind,
  recipient: m.recipient,
  locale: m.locale,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  nextAttemptAt: m.status === 'failed' ? null : m.status === 'sending' ? m.leaseUntil : m.nextAttemptAt,
  createdAt: m.createdAt,
  failedAt: m.failedAt,
});

export function createMailService({ outbox, assessments, policy, now, clock, onQueued }: Dependencies) {
  const at = () => clock().toISOString();
  /** Inside the transaction of the mail's cause; whoever commits it calls `onQueued` afterwards. */
  const queue = (tx: OutboxQueries, mail: Omit<NewMail, 'id'>) => tx.enqueue({ id: randomUUID(), ...mail }, at());

  return {
    /**
     * The report to the address the business typed, with its resume link when
     * it asked with its code. At most `reportsPerHour` per check and per
     * address: 429 with the seconds until the oldest of them is an hour old.
     */
    async requestReport(record: AssessmentRecord, input: { email: string; locale: MailLocale; resumeCode: string | undefined }): Promise<{ queuedAt: string }> {
      if (record.status !== 'submitted') throw new ProblemError('assessment.not-submitted', 'this check has not been submitted yet');
      const hash = addressHash(input.email);
      const queued = await outbox.transaction(async (tx) => {
        const current = clock();
        const since = new Date(current.getTime() - HOUR).toISOString();
        const recent = await tx.reportRequestsSince(record.rowId, hash, since);
        const full = [recent.check, recent.address].filter((list) => list.length >= policy.reportsPerHour);
        if (full.length) {
          const oldest = full.map((list) => list[list.length - policy.reportsPerHour]!).sort().at(-1)!;
          const retryAfter = Math.max(1, Math.ceil((new Date(oldest).getTime() + HOUR - current.getTime()) / 1000));
          throw new ProblemError('mail.too-many', `at most ${policy.reportsPerHour} report mails per check and per address in an hour`, { retryAfter });
        }
        await tx.recordReportRequest(record.rowId, hash, current.toISOString());
        // The resume code is kept only until the mail is sent (the row is deleted then): the server stores only its hash.
        await queue(tx, { kind: 'report', recipient: input.email, locale: input.locale, assessmentRowId: record.rowId, userRowId: null, payload: input.resumeCode ? { resumeCode: input.resumeCode } : {} });
        return { queuedAt: current.toISOString() };
      });
      onQueued();
      return queued;
    },

    /**
     * Inside the transaction that stored a new request for help: the
     * business's confirmation (if it gave an e-mail address) and the mail to
     * every staff member who wants to hear at once.
     */
    async requestCreated(tx: SqlQueries, lead: Pick<LeadRecord, 'assessmentRowId' | 'email'>, request: Pick<LeadRequestRecord, 'id'>, locale: MailLocale): Promise<void> {
      const inside = outbox.within(tx);
      if (lead.email) await queue(inside, { kind: 'request-confirmation', recipient: lead.email, locale, assessmentRowId: lead.assessmentRowId, userRowId: null, payload: { requestId: request.id } });
      for (const staff of await inside.staffRecipients()) {
        if (staff.mode !== 'immediate') continue;
        await queue(inside, { kind: 'staff-request', recipient: staff.email, locale: staff.locale, assessmentRowId: lead.assessmentRowId, userRowId: staff.userRowId, payload: { requestId: request.id } });
      }
    },

    /** After a caller's transaction that queued mail (`requestCreated`) has committed: the sender may take it now. */
    afterCommit(): void {
      onQueued();
    },

    async reminder(record: AssessmentRecord): Promise<{ email: string; locale: MailLocale; dueAt: string } | null> {
      const reminder = await outbox.reminder(record.rowId);
      return reminder ? { email: reminder.email, locale: reminder.locale, dueAt: reminder.dueAt } : null;
    },

    /** Opt in (or change the address): reminded `recheckReminderMonths` after the check was submitted. */
    async saveReminder(record: AssessmentRecord, input: { email: string; locale: MailLocale }) {
      if (record.status !== 'submitted' || !record.submittedAt) throw new ProblemError('assessment.not-submitted', 'this check has not been submitted yet');
      const dueAt = addMonths(new Date(record.submittedAt), policy.recheckReminderMonths).toISOString();
      await outbox.saveReminder({ assessmentRowId: record.rowId, email: input.email, locale: input.locale, dueAt, createdAt: now().toISOString() });
      return { email: input.email, locale: input.locale, dueAt };
    },

    async cancelReminder(record: AssessmentRecord): Promise<void> {
      await outbox.deleteReminder(record.rowId);
    },

    /**
     * One-click unsubscribe (RFC 8058): the token names the check and proves
     * the link came from its reminder. Unknown, already unsubscribed and
     * erased all answer the same, so the link can be clicked any number of times.
     */
    async unsubscribe(token: string): Promise<void> {
      const [id, secret] = token.split('.');
      if (!id || !secret) return;
      const hash = await assessments.resumeHashOf(id);
      if (hash === undefined) return;
      const expected = Buffer.from(unsubscribeToken(hash));
      const given = Buffer.from(secret);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return;
      const record = await assessments.findById(id);
      if (record) await outbox.deleteReminder(record.rowId);
    },

    /** What the mail parts store about a check, for its data export (GDPR access): the reminder and the queued mail. */
    async storedFor(record: AssessmentRecord) {
      const reminder = await outbox.reminder(record.rowId);
      return {
        reminder: reminder ? { email: reminder.email, locale: reminder.locale, dueAt: reminder.dueAt, createdAt: reminder.createdAt } : null,
        queued: (await outbox.ofCheck(record.rowId)).map((m) => ({ ...mailView(m) })),
      };
    },

    unsubscribeTokenOf: (record: AssessmentRecord) => `${record.id}.${unsubscribeToken(record.resumeHash)}`,

    async preferences(user: UserRecord): Promise<{ newRequests: NewRequestMode; locale: MailLocale }> {
      const { mode, locale } = await outbox.preference(user.rowId);
      return { newRequests: mode, locale };
    },

    async savePreferences(user: UserRecord, input: { newRequests: NewRequestMode; locale: MailLocale }) {
      await outbox.savePreference(user.rowId, input.newRequests, input.locale, now().toISOString());
      return this.preferences(user);
    },

    async queue(status: MailStatus | undefined, limit: number) {
      return { counts: await outbox.counts(), items: (await outbox.list(status, limit)).map(mailView) };
    },
    purge: (status: MailStatus | undefined) => outbox.purge(status),
    async removeMail(id: string): Promise<void> {
      if (!(await outbox.remove(id))) throw new ProblemError('mail.not-found', 'no such mail in the queue');
    },

    /**
     * The periodic work besides sending: due re-check reminders become mails,
     * staff who chose the digest get yesterday-to-today's new requests once a
     * day, and what is past keeping is deleted.
     */
    async tick(): Promise<{ reminders: number; digests: number }> {
      const appNow = now().toISOString();
      let reminders = 0;
      for (const reminder of await outbox.dueReminders(appNow, 100)) {
        await outbox.transaction(async (tx) => {
          // The reminder row goes as its mail is queued: one reminder, then the address is no longer kept for it.
          // Whoever deletes the row queues the mail, so two app instances never both remind.
          if (!(await tx.takeReminder(reminder.assessmentRowId))) return;
          await queue(tx, { kind: 'recheck-reminder', recipient: reminder.email, locale: reminder.locale, assessmentRowId: reminder.assessmentRowId, userRowId: null, payload: {} });
          reminders++;
        });
      }

      // The app's clock, like the requests' own timestamps the digest selects by.
      const current = now();
      const todays = new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth(), current.getUTCDate(), policy.digestHourUtc));
      let digests = 0;
      if (current >= todays) {
        const through = todays.toISOString();
        await outbox.transaction(async (tx) => {
          for (const staff of await tx.staffRecipients()) {
            if (staff.mode !== 'daily' || (staff.digestThrough !== null && staff.digestThrough >= through)) continue;
            const after = staff.digestThrough ?? new Date(todays.getTime() - 24 * HOUR).toISOString();
            if ((await tx.requestsBetween(after, through)).length > 0) {
              await queue(tx, { kind: 'staff-digest', recipient: staff.email, locale: staff.locale, assessmentRowId: null, userRowId: staff.userRowId, payload: { after, through } });
              digests++;
            }
            await tx.markDigest(staff.userRowId, staff.locale, through, at());
          }
        });
      }
      if (reminders + digests > 0) onQueued();
      const real = clock().getTime();
      await outbox.pruneReportRequests(new Date(real - HOUR).toISOString());
      await outbox.deleteFailedBefore(new Date(real - policy.keepFailedDays * 24 * HOUR).toISOString());
      return { reminders, digests };
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;
